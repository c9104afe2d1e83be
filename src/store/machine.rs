//! Which machine this is, for naming the files each machine writes on its
//! own (its draft and its cache) in a data dir that may be synced.
//!
//! A host name is a poor name: on a laptop it can follow the network
//! (`laptop-wifi`, then `laptop-ethernet`), and a draft written under one
//! name would not be found under the other. Where the system has a stable
//! machine id (`/etc/machine-id`, or D-Bus's copy of it), files are named
//! after it: `machine-<16 hex digits>`, derived from the id with a
//! motive-specific hash so that the id itself never lands in a synced
//! folder (machine-id(5) asks applications not to expose it). Elsewhere
//! the host name is the name, as it always was.
//!
//! Files named after the host name before machine ids were used are still
//! this machine's when that name is the current host name ([`Machine::host_file`]).

use std::sync::OnceLock;

/// Where systems keep a stable machine id, in order of preference.
const MACHINE_ID_FILES: [&str; 2] = ["/etc/machine-id", "/var/lib/dbus/machine-id"];

/// Mixed into the hash so the name is motive's own, not shared with other
/// programs that hash the same id.
const APP_SALT: &str = "motive draft and cache names, v1";

/// This machine's names, as files in the data dir use them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    key: String,
    host_file: String,
    host: String,
}

impl Machine {
    /// This machine, as the system describes it (read once per process).
    #[must_use]
    pub fn this() -> &'static Machine {
        static THIS: OnceLock<Machine> = OnceLock::new();
        THIS.get_or_init(|| {
            let id = MACHINE_ID_FILES
                .iter()
                .find_map(|path| std::fs::read_to_string(path).ok().and_then(valid_id));
            Self::from_parts(id.as_deref(), &gethostname::gethostname().to_string_lossy())
        })
    }

    /// A machine with the given machine id (if any) and host name.
    #[must_use]
    pub fn from_parts(machine_id: Option<&str>, host: &str) -> Self {
        let host_file = file_name_for_host(host);
        let key = machine_id
            .and_then(|id| valid_id(id.to_string()))
            .map_or_else(
                || host_file.clone(),
                |id| format!("machine-{:016x}", fnv1a([APP_SALT, &id])),
            );
        Self {
            key,
            host_file,
            host: host.to_string(),
        }
    }

    /// The stem of this machine's files: `machine-<hex>`, or the host name
    /// as a file name when the system has no machine id.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The host name as a file name: the stem older versions used, and
    /// this machine's too while the host name has not changed.
    #[must_use]
    pub fn host_file(&self) -> &str {
        &self.host_file
    }

    /// The host name as the system gives it, for telling people which
    /// machine wrote something.
    #[must_use]
    pub fn host(&self) -> &str {
        &self.host
    }
}

/// A machine id as machine-id(5) defines it: 32 hex digits (an empty or
/// `uninitialized` file, as some containers have, is no id).
fn valid_id(text: String) -> Option<String> {
    let id = text.trim().to_ascii_lowercase();
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

/// FNV-1a, 64 bits, over the parts with a separator between them: stable
/// across builds and platforms, which a file name must be.
fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A host name fit for a file name: only `[A-Za-z0-9._-]`, never hidden.
pub(crate) fn file_name_for_host(raw: &str) -> String {
    let clean: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean: String = clean.trim_start_matches('.').chars().take(64).collect();
    if clean.is_empty() {
        "localhost".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3d1219c7c4c5404aaa1f6d2a48adfda4";

    #[test]
    fn the_name_follows_the_machine_id_not_the_host_name() {
        let wifi = Machine::from_parts(Some(ID), "laptop-wifi");
        let ethernet = Machine::from_parts(Some(&format!("{}\n", ID.to_uppercase())), "laptop");
        assert_eq!(wifi.key(), ethernet.key());
        assert!(wifi.key().starts_with("machine-"), "{}", wifi.key());
        assert_eq!(wifi.key().len(), "machine-".len() + 16);
        assert!(!wifi.key().contains(ID), "the id itself stays private");
        assert_eq!(wifi.host_file(), "laptop-wifi");
        let other = Machine::from_parts(Some(&ID.replace('3', "4")), "laptop-wifi");
        assert_ne!(other.key(), wifi.key());
    }

    #[test]
    fn without_a_machine_id_the_host_name_is_the_name() {
        for id in [
            None,
            Some(""),
            Some("uninitialized\n"),
            Some("not hex at all, 32 chars long!!"),
        ] {
            let m = Machine::from_parts(id, "my laptop");
            assert_eq!(m.key(), "my_laptop", "{id:?}");
            assert_eq!(m.host_file(), "my_laptop");
            assert_eq!(m.host(), "my laptop");
        }
    }

    #[test]
    fn the_name_is_stable_across_builds() {
        // A changed hash would hide every draft written before it.
        assert_eq!(
            Machine::from_parts(Some(ID), "vm").key(),
            "machine-8c71a70842b37610"
        );
    }

    #[test]
    fn host_names_become_safe_file_names() {
        assert_eq!(file_name_for_host("laptop.local"), "laptop.local");
        assert_eq!(file_name_for_host("my laptop/2"), "my_laptop_2");
        assert_eq!(file_name_for_host("../etc"), "_etc");
        assert_eq!(file_name_for_host(".."), "localhost");
        assert_eq!(file_name_for_host(""), "localhost");
        assert_eq!(file_name_for_host("caf\u{e9}\u{1b}"), "caf__");
        assert_eq!(file_name_for_host(&"h".repeat(300)).len(), 64);
    }
}
