//! Korean wording of the pages.

use super::Words;

pub(super) static KO: Words = Words {
    lang: "ko",
    service: "계정",

    reset_title: "새 비밀번호 설정",
    reset_intro: "{email} 계정의 새 비밀번호를 설정하세요.",
    new_password: "새 비밀번호",
    confirm_password: "새 비밀번호 확인",
    password_rules: "8자 이상 128자 이하. 흔한 비밀번호나 이메일 주소는 사용할 수 없습니다.",
    reset_submit: "비밀번호 변경",
    mismatch: "두 비밀번호가 일치하지 않습니다. 새 비밀번호를 똑같이 두 번 입력하세요.",
    too_short: "비밀번호가 너무 짧습니다. 8자 이상으로 입력하세요.",
    too_long: "비밀번호가 너무 깁니다. 128자 이하로 입력하세요.",
    too_common: "너무 흔해서 추측하기 쉬운 비밀번호입니다. 다른 비밀번호를 선택하세요.",
    same_as_identifier: "비밀번호는 이메일 주소나 아이디와 같을 수 없습니다.",
    reset_done_title: "비밀번호가 변경되었습니다",
    reset_done_text: "이제 새 비밀번호로 로그인할 수 있습니다. 로그인되어 있던 모든 기기에서 \
                      로그아웃되었습니다.",

    unusable_title: "더 이상 사용할 수 없는 링크입니다",
    unusable_text: "링크가 만료되었거나, 이미 사용되었거나, 주소가 완전하지 않습니다. 링크는 \
                    짧은 시간 동안 한 번만 사용할 수 있습니다. 아래에서 새 링크를 요청하세요.",
    new_link_submit: "새 링크 이메일로 받기",
    new_link_sent_title: "이메일을 확인하세요",
    new_link_sent_text: "{email} 주소로 가입된 계정이 있다면 새 링크를 보냈습니다. 도착하기까지 \
                         1분 정도 걸릴 수 있습니다.",

    verify_title: "이메일 주소 확인",
    verify_intro: "{email} 주소를 계정의 이메일 주소로 확인합니다.",
    verify_submit: "이메일 주소 확인하기",
    verified_title: "이메일 주소가 확인되었습니다",
    verified_text: "감사합니다. 이 페이지를 닫고 앱으로 돌아가세요.",
    verify_unusable_text: "링크가 만료되었거나, 이미 사용되었거나, 주소가 완전하지 않습니다. \
                           앱에서 새 인증 코드를 요청하세요.",

    throttled_title: "시도 횟수가 너무 많습니다",
    throttled_text: "사용 중인 네트워크에서 너무 많은 시도가 있었습니다. 잠시 기다린 후 링크를 \
                     다시 여세요.",
    stale_form_title: "입력 양식이 만료되었습니다",
    stale_form_text: "안전을 위해 요청을 처리하지 않았습니다. 이메일의 링크를 다시 열고 \
                      다시 시도하세요.",
    failure_title: "문제가 발생했습니다",
    failure_text: "요청을 처리하지 못했습니다. 몇 분 후에 다시 시도하세요.",
};
