use std::fmt;

/// What a caller may do. ANONYMOUS (no token) is the absence of a principal, not a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Server,
    Staff,
    User,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("role must be one of ADMIN, SERVER, STAFF, USER")]
pub struct RoleError;

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Server, Role::Staff, Role::User];

    /// Accepts `ADMIN` and the seed's `ROLE_ADMIN` form.
    pub fn parse(raw: &str) -> Result<Self, RoleError> {
        match raw.trim().trim_start_matches("ROLE_") {
            "ADMIN" => Ok(Self::Admin),
            "SERVER" => Ok(Self::Server),
            "STAFF" => Ok(Self::Staff),
            "USER" => Ok(Self::User),
            _ => Err(RoleError),
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Admin => "ADMIN",
            Self::Server => "SERVER",
            Self::Staff => "STAFF",
            Self::User => "USER",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sorted, duplicate-free set of roles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Self {
        let mut roles: Vec<Role> = roles.into_iter().collect();
        roles.sort();
        roles.dedup();
        Self(roles)
    }

    pub fn user() -> Self {
        Self(vec![Role::User])
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn any_of(&self, wanted: &[Role]) -> bool {
        wanted.iter().any(|r| self.contains(*r))
    }

    /// ADMIN and STAFF may act on resources of other users.
    pub fn is_staff(&self) -> bool {
        self.any_of(&[Role::Admin, Role::Staff])
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// Comma-separated, as stored: `ADMIN,USER`.
    pub fn to_csv(&self) -> String {
        self.0
            .iter()
            .map(Role::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn parse_csv(raw: &str) -> Result<Self, RoleError> {
        raw.split(',')
            .filter(|s| !s.trim().is_empty())
            .map(Role::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_in_both_forms_and_round_trip() {
        assert_eq!(Role::parse("ROLE_ADMIN"), Ok(Role::Admin));
        assert_eq!(Role::parse("STAFF"), Ok(Role::Staff));
        assert_eq!(Role::parse("ANONYMOUS"), Err(RoleError));
        let roles = Roles::new([Role::User, Role::Admin, Role::User]);
        assert_eq!(roles.to_csv(), "ADMIN,USER");
        assert_eq!(Roles::parse_csv("ADMIN,USER"), Ok(roles.clone()));
        assert!(roles.is_staff());
        assert!(!Roles::user().is_staff());
    }
}
