//! Just enough of PostgreSQL URLs: swap the database name, hide the password.

/// `server_url` with its database replaced by `name` (query parameters kept).
pub fn with_database(server_url: &str, name: &str) -> String {
    let (scheme, rest) = server_url
        .split_once("://")
        .unwrap_or(("postgres", server_url));
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_and_query) = rest.split_at(authority_end);
    let query = path_and_query
        .find('?')
        .map_or("", |start| &path_and_query[start..]);
    format!("{scheme}://{authority}/{name}{query}")
}

/// `url` with any password replaced by `***`, fit for a panic message.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_is_swapped_and_parameters_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgresql://u:p@h/db?sslmode=disable", "t1"),
            "postgresql://u:p@h/t1?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5433", "t1"),
            "postgres://h:5433/t1"
        );
        assert_eq!(
            with_database("postgres://h?x=1", "t1"),
            "postgres://h/t1?x=1"
        );
    }

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            redacted("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(redacted("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redacted("postgres://h/db"), "postgres://h/db");
    }
}
