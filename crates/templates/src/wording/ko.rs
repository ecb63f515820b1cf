//! 한국어 문구. SMS는 한 줄로, 인증번호 문자는 단문(90바이트) 안에 들어가게 씁니다.

use super::{Block, EmailFrame, Language, Wording};

const CODE_NOTE: &str =
    "본인이 요청하지 않았다면 이 메일을 무시해 주세요. 인증번호는 누구에게도 알려 주지 마세요.";

pub(super) static KO: Language = Language {
    frame: EmailFrame {
        link_intro: "버튼이 열리지 않으면 아래 주소를 브라우저에 붙여 넣어 주세요.",
        footer: "이 메일은 발신 전용입니다. 회신하셔도 답변을 드릴 수 없습니다.",
    },

    verification_code: Wording {
        subject: "이메일 인증번호 안내",
        email: &[
            Block::Paragraph("아래 인증번호를 입력해 이메일 주소 인증을 완료해 주세요."),
            Block::Code,
            Block::Paragraph("인증번호는 {minutes}분 동안 유효합니다."),
            Block::Note(CODE_NOTE),
        ],
        sms: "인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
        push: "인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
    },

    email_verification: Wording {
        subject: "이메일 주소 인증 안내",
        email: &[
            Block::Paragraph(
                "아래 버튼을 눌러 이메일 주소 인증을 완료하거나, 앱에 인증번호를 입력해 주세요.",
            ),
            Block::Link("이메일 주소 인증하기"),
            Block::Code,
            Block::Paragraph("링크와 인증번호는 {minutes}분 동안 유효합니다."),
            Block::Note(CODE_NOTE),
        ],
        sms: "인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
        push: "인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
    },

    phone_code: Wording {
        subject: "휴대폰 인증번호 안내",
        email: &[
            Block::Paragraph("아래 인증번호를 입력해 휴대폰 번호 인증을 완료해 주세요."),
            Block::Code,
            Block::Paragraph("인증번호는 {minutes}분 동안 유효합니다."),
            Block::Note(CODE_NOTE),
        ],
        sms: "휴대폰 인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요. 타인에게 알리지 마세요.",
        push: "휴대폰 인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
    },

    password_reset: Wording {
        subject: "비밀번호 재설정 안내",
        email: &[
            Block::Paragraph(
                "비밀번호 재설정이 요청되었습니다. 아래 버튼을 눌러 새 비밀번호를 설정하거나, \
             앱에 인증번호를 입력해 주세요.",
            ),
            Block::Link("비밀번호 재설정"),
            Block::Code,
            Block::Paragraph("링크와 인증번호는 {minutes}분 동안 유효합니다."),
            Block::Note(
                "본인이 요청하지 않았다면 이 메일을 무시해 주세요. 비밀번호는 바뀌지 않습니다.",
            ),
        ],
        sms: "비밀번호 재설정 인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
        push: "비밀번호 재설정 인증번호는 {code}입니다. {minutes}분 안에 입력해 주세요.",
    },

    welcome: Wording {
        subject: "{name}님, 가입을 환영합니다",
        email: &[
            Block::Paragraph("{name}님, 가입해 주셔서 감사합니다."),
            Block::Paragraph("이제 앱에 로그인해 기기를 연결하고 서비스를 이용하실 수 있습니다."),
            Block::Note("가입한 적이 없다면 고객센터에 알려 주세요."),
        ],
        sms: "{name}님, 가입을 환영합니다. 가입한 적이 없다면 고객센터에 알려 주세요.",
        push: "{name}님, 가입을 환영합니다. 이제 앱에서 기기를 연결해 보세요.",
    },

    password_changed: Wording {
        subject: "비밀번호 변경 안내",
        email: &[
            Block::Paragraph("회원님 계정의 비밀번호가 변경되었습니다."),
            Block::Note(
                "본인이 변경하지 않았다면 즉시 비밀번호를 재설정하고 고객센터에 문의해 주세요.",
            ),
        ],
        sms: "계정 비밀번호가 변경되었습니다. 본인이 아니면 즉시 비밀번호를 재설정해 주세요.",
        push: "계정 비밀번호가 변경되었습니다. 본인이 아니면 즉시 비밀번호를 재설정해 주세요.",
    },

    phone_changed: Wording {
        subject: "휴대폰 번호 변경 안내",
        email: &[
            Block::Paragraph("회원님 계정의 휴대폰 번호가 변경되었습니다."),
            Block::Paragraph("새 번호: {masked_phone}"),
            Block::Note(
                "본인이 변경하지 않았다면 즉시 비밀번호를 변경하고 고객센터에 문의해 주세요.",
            ),
        ],
        sms: "휴대폰 번호가 변경되었습니다(새 번호 {masked_phone}). 본인이 아니면 고객센터에 문의해 주세요.",
        push: "휴대폰 번호가 변경되었습니다(새 번호 {masked_phone}). 본인이 아니면 고객센터에 문의해 주세요.",
    },

    account_withdrawn: Wording {
        subject: "회원 탈퇴 안내",
        email: &[
            Block::Paragraph(
                "회원님의 계정이 탈퇴 처리되었습니다. 그동안 이용해 주셔서 감사합니다.",
            ),
            Block::Note("본인이 요청하지 않았다면 즉시 고객센터에 문의해 주세요."),
        ],
        sms: "계정이 탈퇴 처리되었습니다. 본인이 요청하지 않았다면 즉시 고객센터에 문의해 주세요.",
        push: "계정이 탈퇴 처리되었습니다. 본인이 요청하지 않았다면 즉시 고객센터에 문의해 주세요.",
    },

    device_claimed: Wording {
        subject: "기기 연결 안내",
        email: &[
            Block::Paragraph("{child_name} 사용자가 기기 '{device_alias}'에 연결되었습니다."),
            Block::Note(
                "본인이 연결하지 않았다면 앱에서 연결을 해제하고 비밀번호를 변경해 주세요.",
            ),
        ],
        sms: "{child_name} 사용자가 기기 '{device_alias}'에 연결되었습니다. 본인이 아니면 앱에서 확인해 주세요.",
        push: "{child_name} 사용자가 기기 '{device_alias}'에 연결되었습니다.",
    },

    // 보내는 쪽이 쓴 제목과 내용 그대로입니다.
    push_notice: Wording {
        subject: "{title}",
        email: &[Block::Paragraph("{title}"), Block::Paragraph("{body}")],
        sms: "{title}: {body}",
        push: "{body}",
    },

    // 광고성 정보는 제목을 (광고)로 시작하고 수신 거부 방법을 밝힙니다(정보통신망법 제50조).
    push_marketing: Wording {
        subject: "(광고) {title}",
        email: &[
            Block::Paragraph("{title}"),
            Block::Paragraph("{body}"),
            Block::Note(
                "마케팅 정보 수신에 동의하셔서 보내 드리는 메일입니다. 더 받지 않으려면 앱 설정에서 \
                 마케팅 수신 동의를 해제해 주세요.",
            ),
        ],
        sms: "(광고) {title}: {body} 수신거부: 앱 설정",
        push: "{body} (수신거부: 앱 설정)",
    },
};
