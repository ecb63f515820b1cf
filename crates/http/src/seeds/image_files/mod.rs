//! `/profile-images/{accountId}/{file}`, which no seed document covers: where the local image
//! store (the embedded default) takes the uploads its signed URLs allow, and serves the images.
//! With S3 configured, clients talk to the bucket and these paths answer 404. Errors in the
//! account-management shape plus the stable `error` id.

mod error_mapping;
mod routes;

pub use routes::scope;
