//! Root user accounts: the model, the store ports and the use cases around registration, the
//! own profile (`me`, profile update) and withdrawal.

mod administration;
mod by_login_id;
mod display_name;
mod live;
mod login_id_check;
mod me;
mod model;
mod ports;
mod profile_ports;
mod profile_view;
mod public_id;
mod register;
mod replace;
mod role_ports;
mod roles;
mod root_user;
mod service;
mod update_info;
mod update_profile;
mod withdraw;

pub use administration::{AccountField, AccountName, AccountPatch, AdministrationError, authorize};
pub use live::LiveAccountError;
pub use login_id_check::LoginIdCheckError;
pub use me::MeError;
pub use model::{Account, AccountId, NewAccount, ProfilePatch, RegisterType};
#[cfg(any(test, feature = "mock"))]
pub use ports::MockAccountRepository;
pub use ports::{AccountRepository, CreateAccountError};
pub use profile_ports::AccountProfileRepository;
#[cfg(any(test, feature = "mock"))]
pub use profile_ports::MockAccountProfileRepository;
pub use profile_view::{PASSWORD_MAX_AGE_DAYS, ProfileField, ProfileView};
pub use public_id::{PublicAccountId, PublicAccountIdError};
pub use register::{RegisterCommand, RegisterError, RegistrationSettings};
pub use replace::{AccountEditor, AccountReplacement, ReplaceAccountError, Replaced};
pub use role_ports::AccountRoleRepository;
#[cfg(any(test, feature = "mock"))]
pub use role_ports::MockAccountRoleRepository;
pub use roles::{RoleService, SetRolesError};
pub use root_user::RootUserService;
pub use service::{AccountService, ProfileError};
pub use update_info::{InfoPatch, UpdateInfoError};
pub use update_profile::UpdateProfileError;
pub use withdraw::{WithdrawError, withdrawal};
