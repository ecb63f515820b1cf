//! The one name every document shows for a person (SPEC 3.1): the display name they chose, or
//! the name the Lux app collected in two parts.

use super::model::Account;

impl Account {
    /// The name to show where a document has one `name` (account management, the roles
    /// document, SG-Finder's `userName`): the display name the person chose; when they chose
    /// none, their Lux first and last names in Korean order, `last_name first_name` (a person
    /// without a last name is their first name alone); `None` when neither was given.
    ///
    /// It only ever joins: a chosen display name is never split into first and last names, so
    /// an account that has only a display name shows no first or last name on Lux paths.
    pub fn display_name(&self) -> Option<String> {
        if let Some(chosen) = self.name.as_deref().filter(|n| !n.trim().is_empty()) {
            return Some(chosen.to_owned());
        }
        let parts: Vec<&str> = [self.last_name.as_deref(), self.first_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use crate::accounts::Account;
    use crate::testing::account;

    fn named(name: Option<&str>, first: Option<&str>, last: Option<&str>) -> Account {
        let mut a = account(1, "a@example.com");
        a.name = name.map(Into::into);
        a.first_name = first.map(Into::into);
        a.last_name = last.map(Into::into);
        a
    }

    #[test]
    fn a_chosen_display_name_wins() {
        let a = named(Some("John Doe"), Some("james"), Some("kim"));
        assert_eq!(a.display_name().as_deref(), Some("John Doe"));
    }

    #[test]
    fn without_one_the_lux_names_join_in_korean_order() {
        let a = named(None, Some("민준"), Some("김"));
        assert_eq!(a.display_name().as_deref(), Some("김 민준"));
        let a = named(Some("  "), Some("james"), Some("kim"));
        assert_eq!(a.display_name().as_deref(), Some("kim james"));
    }

    #[test]
    fn no_last_name_leaves_the_first_name_alone() {
        let a = named(None, Some("james"), Some(""));
        assert_eq!(a.display_name().as_deref(), Some("james"));
        let a = named(None, None, Some("kim"));
        assert_eq!(a.display_name().as_deref(), Some("kim"));
    }

    #[test]
    fn no_name_at_all_is_none() {
        assert_eq!(named(None, None, None).display_name(), None);
        assert_eq!(named(None, None, Some("")).display_name(), None);
    }
}
