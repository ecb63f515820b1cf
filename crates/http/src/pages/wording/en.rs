//! English wording of the pages.

use super::Words;

pub(super) static EN: Words = Words {
    lang: "en",
    service: "Account",

    reset_title: "Choose a new password",
    reset_intro: "Set a new password for {email}.",
    new_password: "New password",
    confirm_password: "New password again",
    password_rules: "8 to 128 characters. Avoid common passwords and your email address.",
    reset_submit: "Set password",
    mismatch: "The two passwords are not the same. Type the new password twice.",
    too_short: "The password is too short: use at least 8 characters.",
    too_long: "The password is too long: use at most 128 characters.",
    too_common: "This password is too common and easy to guess: choose another one.",
    same_as_identifier: "The password must not be your email address or login id.",
    reset_done_title: "Your password was changed",
    reset_done_text: "You can now log in with your new password. Every device that was logged \
                      in has been logged out.",

    unusable_title: "This link no longer works",
    unusable_text: "The link has expired, was already used, or is incomplete. Links work once \
                    and only for a short time. Ask for a new one below.",
    new_link_submit: "Email me a new link",
    new_link_sent_title: "Check your email",
    new_link_sent_text: "If an account uses {email}, a new link is on its way. It may take a \
                         minute to arrive.",

    verify_title: "Confirm your email address",
    verify_intro: "Confirm {email} as the address of your account.",
    verify_submit: "Confirm my email address",
    verified_title: "Your email address is confirmed",
    verified_text: "Thank you. You can close this page and go back to the app.",
    verify_unusable_text: "The link has expired, was already used, or is incomplete. Ask for a \
                           new code in the app.",

    throttled_title: "Too many attempts",
    throttled_text: "Too many attempts came from your network. Wait a while, then open the \
                     link again.",
    stale_form_title: "This form has expired",
    stale_form_text: "For your safety the form could not be accepted. Open the link from the \
                      email again and retry.",
    failure_title: "Something went wrong",
    failure_text: "The request could not be completed. Try again in a few minutes.",
};
