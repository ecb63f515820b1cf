use account_domain::accounts::ProfileView;
use serde::Serialize;
use utoipa::ToSchema;

/// `GET me`: the caller's account, its notification switches and two hints. Values the
/// account does not have are `null`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "root_user_id": 1, "first_name": "test", "last_name": "kim", "birthdate": "20240722",
    "gender": "M", "phone": "+821012345678", "is_phone_number_checked": true,
    "register_type": "E", "national_code": "KR", "need_personal_info_update": false,
    "need_to_pwd_change": true, "is_device_muted": true, "is_device_alim_talk_enabled": true,
    "is_basestation_alert_enabled": true
}))]
pub struct MeResponse {
    pub root_user_id: i64,
    pub first_name: Option<String>,
    /// `""` when the person has no last name; `null` until given.
    pub last_name: Option<String>,
    /// `yyyymmdd`
    #[schema(example = "20240722")]
    pub birthdate: Option<String>,
    /// `M`, `F`, `N` or `P`.
    #[schema(example = "M")]
    pub gender: Option<&'static str>,
    /// E.164
    #[schema(example = "+821012345678")]
    pub phone: Option<String>,
    pub is_phone_number_checked: bool,
    /// `E` email, `G` Google.
    #[schema(example = "E")]
    pub register_type: &'static str,
    /// ISO 3166-1 alpha-2: the region of the phone number (`null` without one).
    #[schema(example = "KR")]
    pub national_code: Option<String>,
    /// A required profile field (first and last name, birthdate, gender, phone) is missing.
    pub need_personal_info_update: bool,
    /// The password was last changed more than 90 days ago.
    pub need_to_pwd_change: bool,
    pub is_device_muted: bool,
    pub is_device_alim_talk_enabled: bool,
    pub is_basestation_alert_enabled: bool,
}

impl From<ProfileView> for MeResponse {
    fn from(view: ProfileView) -> Self {
        let account = view.account;
        Self {
            root_user_id: account.id.0,
            first_name: account.first_name,
            last_name: account.last_name,
            birthdate: account.birthdate.map(|b| b.compact()),
            gender: account.gender.map(|g| g.code()),
            phone: account.phone.map(|p| p.as_str().to_owned()),
            is_phone_number_checked: account.is_phone_number_checked,
            register_type: account.register_type.code(),
            national_code: view.national_code,
            need_personal_info_update: view.need_personal_info_update,
            need_to_pwd_change: view.need_to_pwd_change,
            is_device_muted: view.notifications.is_device_muted,
            is_device_alim_talk_enabled: view.notifications.is_device_alim_talk_enabled,
            is_basestation_alert_enabled: view.notifications.is_basestation_alert_enabled,
        }
    }
}
