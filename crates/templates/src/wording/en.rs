//! English wording. SMS texts are one line; the code texts fit one short SMS (90 bytes).

use super::{Block, EmailFrame, Language, Wording};

const CODE_NOTE: &str =
    "If you did not ask for this code, ignore this email. Never share the code with anyone.";

pub(super) static EN: Language = Language {
    frame: EmailFrame {
        link_intro: "If the button does not work, paste this address into your browser:",
        footer: "This email was sent automatically; replies are not read.",
    },

    verification_code: Wording {
        subject: "Your verification code",
        email: &[
            Block::Paragraph("Enter this code to verify your email address."),
            Block::Code,
            Block::Paragraph("The code expires in {minutes} minutes."),
            Block::Note(CODE_NOTE),
        ],
        sms: "Your verification code is {code}. It expires in {minutes} minutes.",
        push: "Your verification code is {code}. It expires in {minutes} minutes.",
    },

    email_verification: Wording {
        subject: "Verify your email address",
        email: &[
            Block::Paragraph(
                "Use the button below to verify your email address, or enter the code in the app.",
            ),
            Block::Link("Verify email address"),
            Block::Code,
            Block::Paragraph("The link and the code expire in {minutes} minutes."),
            Block::Note(CODE_NOTE),
        ],
        sms: "Your verification code is {code}. It expires in {minutes} minutes.",
        push: "Your verification code is {code}. It expires in {minutes} minutes.",
    },

    phone_code: Wording {
        subject: "Your phone verification code",
        email: &[
            Block::Paragraph("Enter this code to verify your phone number."),
            Block::Code,
            Block::Paragraph("The code expires in {minutes} minutes."),
            Block::Note(CODE_NOTE),
        ],
        sms: "Your verification code is {code}. It expires in {minutes} minutes. Do not share it.",
        push: "Your verification code is {code}. It expires in {minutes} minutes.",
    },

    password_reset: Wording {
        subject: "Reset your password",
        email: &[
            Block::Paragraph(
                "We received a request to reset your password. Use the button below to choose a \
             new one, or enter the code in the app.",
            ),
            Block::Link("Reset password"),
            Block::Code,
            Block::Paragraph("The link and the code expire in {minutes} minutes."),
            Block::Note(
                "If you did not ask for this, ignore this email: your password stays the same.",
            ),
        ],
        sms: "Your password reset code is {code}. It expires in {minutes} minutes.",
        push: "Your password reset code is {code}. It expires in {minutes} minutes.",
    },

    welcome: Wording {
        subject: "Welcome, {name}",
        email: &[
            Block::Paragraph("Hi {name}, thank you for signing up."),
            Block::Paragraph(
                "You can now log in to the app, connect your devices and get started.",
            ),
            Block::Note("If you did not sign up, please let our customer support know."),
        ],
        sms: "Welcome, {name}! If you did not sign up, please let our customer support know.",
        push: "Welcome, {name}! Connect your first device in the app.",
    },

    password_changed: Wording {
        subject: "Your password was changed",
        email: &[
            Block::Paragraph("The password of your account was changed."),
            Block::Note(
                "If this was not you, reset your password right away and contact customer support.",
            ),
        ],
        sms: "Your account password was changed. Not you? Reset your password now.",
        push: "Your account password was changed. Not you? Reset your password now.",
    },

    phone_changed: Wording {
        subject: "Your phone number was changed",
        email: &[
            Block::Paragraph("The phone number of your account was changed."),
            Block::Paragraph("New number: {masked_phone}"),
            Block::Note(
                "If this was not you, change your password right away and contact customer support.",
            ),
        ],
        sms: "Your account's phone number was changed to {masked_phone}. Not you? Contact support.",
        push: "Your account's phone number was changed to {masked_phone}. Not you? Contact support.",
    },

    account_withdrawn: Wording {
        subject: "Your account was deleted",
        email: &[
            Block::Paragraph("Your account was deleted. Thank you for having been with us."),
            Block::Note("If you did not ask for this, contact customer support right away."),
        ],
        sms: "Your account was deleted. Not you? Contact support right away.",
        push: "Your account was deleted. Not you? Contact support right away.",
    },

    device_claimed: Wording {
        subject: "A device was connected",
        email: &[
            Block::Paragraph("{child_name} was connected to the device \"{device_alias}\"."),
            Block::Note(
                "If this was not you, remove the connection in the app and change your password.",
            ),
        ],
        sms: "{child_name} was connected to the device \"{device_alias}\". Not you? Check the app.",
        push: "{child_name} was connected to the device \"{device_alias}\".",
    },

    // The sender's own words: only the frame is ours.
    push_notice: Wording {
        subject: "{title}",
        email: &[Block::Paragraph("{title}"), Block::Paragraph("{body}")],
        sms: "{title}: {body}",
        push: "{body}",
    },

    // Advertising is marked as such and says how to stop it.
    push_marketing: Wording {
        subject: "[Ad] {title}",
        email: &[
            Block::Paragraph("{title}"),
            Block::Paragraph("{body}"),
            Block::Note(
                "You receive this because you agreed to marketing messages. To stop them, turn \
                 marketing consent off in the app's settings.",
            ),
        ],
        sms: "[Ad] {title}: {body} Opt out: app settings",
        push: "{body} (Opt out: app settings)",
    },
};
