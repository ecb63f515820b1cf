//! The operator's commands against a running service: provisioning devices from a file and
//! granting the SERVER role, then the authenticated provisioning endpoint.

use std::process::Command;

use crate::binary::{free_port, operator, run_command, start};
use crate::http_client::{request, request_as};

fn token_of(port: u16, email: &str) -> String {
    let body = format!(r#"{{"email":"{email}","password":"correct horse battery","name":"Op"}}"#);
    let registered =
        request(port, "POST", "/auth/accounts/register", Some(&body)).expect("register");
    assert_eq!(registered.status, 201, "{}", registered.body);
    let login = format!(r#"{{"email":"{email}","password":"correct horse battery"}}"#);
    let reply = request(port, "POST", "/auth/accounts/login", Some(&login)).expect("login");
    let value: serde_json::Value = serde_json::from_str(&reply.body).expect("json");
    value["accessToken"].as_str().expect("token").to_owned()
}

#[test]
fn devices_come_from_a_file_or_a_server_account_and_parents_claim_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _service = start(dir.path(), port);

    let csv = dir.path().join("devices.csv");
    std::fs::write(&csv, "serial_code,mac_id,unique_id,device_alias\nSL20401000,41AD,unique,living room\nSL20401001,41AE,unique-2,\n")
        .expect("write csv");
    let (ok, out) = operator(dir.path(), &["provision-devices", "devices.csv"]);
    assert!(ok, "{out}");
    assert!(out.contains("created 2, already present 0"), "{out}");
    let (ok, out) = operator(dir.path(), &["devices", "import", "devices.csv"]);
    assert!(ok && out.contains("created 0, already present 2"), "{out}");
    std::fs::write(
        dir.path().join("bad.csv"),
        "serial_code,mac_id,unique_id\nnope,41AD,u\n",
    )
    .expect("write");
    let (ok, out) = operator(dir.path(), &["provision-devices", "bad.csv"]);
    assert!(!ok && out.contains("row 2: invalid serial_code"), "{out}");

    let parent = token_of(port, "parent@example.com");
    let ops = token_of(port, "ops@example.com");
    let batch = r#"[{"serial_code":"SL20401002","mac_id":"41AF","unique_id":"unique-3"}]"#;
    let refused =
        request_as(port, "POST", "/admin/devices", Some(batch), Some(&ops)).expect("admin");
    assert_eq!(refused.status, 403, "{}", refused.body);
    let (ok, out) = operator(dir.path(), &["set-roles", "ops@example.com", "SERVER,USER"]);
    assert!(ok && out.contains("SERVER,USER"), "{out}");
    let accepted =
        request_as(port, "POST", "/admin/devices", Some(batch), Some(&ops)).expect("admin");
    assert_eq!(accepted.status, 201, "{}", accepted.body);
    assert!(
        accepted.body.contains(r#""created":1"#),
        "{}",
        accepted.body
    );

    let child = r#"{"first_name":"test","last_name":"","birthdate":"19970101","gender":"F","serial_code":"SL20401000","mac_id":"41AD","unique_id":"unique"}"#;
    let claimed = request_as(
        port,
        "POST",
        "/api/v1/lux/user/create-real-user",
        Some(child),
        Some(&parent),
    )
    .expect("claim");
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    assert!(
        claimed.body.contains(r#""device_alias":"living room""#),
        "{}",
        claimed.body
    );
}

/// `healthcheck`, the container image's health command: exit 0 while the service at `bind`
/// is ready (asked on loopback when `bind` is a wildcard), 1 once it is gone.
#[test]
fn healthcheck_reports_whether_the_service_is_ready() {
    let service = crate::helpers::LoggedService::start(|_| {});
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let healthcheck = |bind: &str| {
        Command::new(env!("CARGO_BIN_EXE_account-service"))
            .current_dir(elsewhere.path())
            .env_clear()
            .env("ACCOUNT_BIND", bind)
            .arg("healthcheck")
            .output()
            .expect("the binary runs")
    };
    let ready = healthcheck(&format!("0.0.0.0:{}", service.port));
    assert!(
        ready.status.success(),
        "{}",
        String::from_utf8_lossy(&ready.stderr)
    );
    assert!(String::from_utf8_lossy(&ready.stdout).contains("is ready"));

    let port = service.port;
    service.stop();
    let gone = healthcheck(&format!("127.0.0.1:{port}"));
    assert_eq!(gone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("nothing answers"));
}

/// The command line: help for every subcommand, 2 for wrong usage or configuration, and
/// `config check` with its secrets hidden and the production verdict.
#[test]
fn the_command_line_helps_refuses_wrong_usage_and_checks_the_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, help) = run_command(dir.path(), &["--help"]);
    assert_eq!(code, Some(0), "{help}");
    for command in [
        "serve",
        "migrate",
        "devices",
        "create-admin",
        "set-roles",
        "outbox",
        "config",
        "healthcheck",
    ] {
        assert!(help.contains(command), "{command} in {help}");
    }
    let (code, help) = run_command(dir.path(), &["outbox", "--help"]);
    assert_eq!(code, Some(0));
    assert!(help.contains("list") && help.contains("retry"), "{help}");

    let (code, out) = run_command(dir.path(), &["no-such-command"]);
    assert_eq!(code, Some(2), "{out}");
    let (code, out) = run_command(dir.path(), &["set-roles", "only-one-argument"]);
    assert_eq!(code, Some(2), "{out}");

    std::fs::write(
        dir.path().join("account-service.toml"),
        "jwt_secret = \"a-secret-that-must-never-be-printed-0123\"\n",
    )
    .expect("write config");
    let (code, out) = run_command(dir.path(), &["config", "check"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("bind: \"127.0.0.1:8080\""), "{out}");
    assert!(
        !out.contains("a-secret-that-must-never-be-printed"),
        "{out}"
    );
    assert!(
        out.contains("production would refuse this configuration: invalid config: production"),
        "{out}"
    );

    std::fs::write(dir.path().join("account-service.toml"), "bind = 8080\n").expect("write");
    let (code, out) = run_command(dir.path(), &["config", "check"]);
    assert_eq!(code, Some(2), "a configuration that cannot load: {out}");
}

/// `create-admin`: an ADMIN account from the command line, its password from the environment
/// (never echoed), under the sign-up rules; an address with an account is refused.
#[test]
fn create_admin_makes_an_admin_who_can_log_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let create = |password: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_account-service"))
            .current_dir(dir.path())
            .env_clear()
            .env("RUST_LOG", "warn")
            .env("CREATE_ADMIN_PASSWORD", password)
            .args(["create-admin", "root@example.com", "--name", "Root Admin"])
            .output()
            .expect("the binary runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), text)
    };
    let (code, out) = create("short");
    assert_eq!(code, Some(1), "a weak password is refused: {out}");
    let (code, out) = create("an admin's long passphrase");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("created with roles ADMIN,USER"), "{out}");
    assert!(
        !out.contains("long passphrase"),
        "the password is never printed: {out}"
    );
    let (code, out) = create("an admin's long passphrase");
    assert_eq!(code, Some(1));
    assert!(out.contains("already has an account"), "{out}");

    let port = free_port();
    let _service = start(dir.path(), port);
    let login = r#"{"email":"root@example.com","password":"an admin's long passphrase"}"#;
    let reply = request(port, "POST", "/auth/accounts/login", Some(login)).expect("login");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let token =
        serde_json::from_str::<serde_json::Value>(&reply.body).expect("json")["accessToken"]
            .as_str()
            .expect("a token")
            .to_owned();
    let listed = request_as(port, "GET", "/admin/accounts", None, Some(&token)).expect("admin");
    assert_eq!(listed.status, 200, "{}", listed.body);
}
