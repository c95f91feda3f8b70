/**
 * Vietnamese, the app's default language: the sentences of the shell and the overview, bundled
 * with the first screen. The other screens' sentences are in vi-screens.ts, loaded with them.
 */
export const vi = {
  "app.name": "Sổ Thi Đua",

  "common.loading": "Đang tải…",
  "common.cancel": "Quay lại",
  "common.dayPlaceholder": "dd/mm/yyyy",
  "common.pickDay": "Chọn ngày trên lịch",
  "common.num": "{n}",

  "lazy.failed": "Không mở được màn hình này. Hãy kết nối mạng một lần rồi thử lại.",
  "lazy.reload": "Tải lại",

  "users.forbidden": "Chỉ quản trị viên mới xem được màn hình này.",
  "shell.unitsSampleShort": "Danh sách đơn vị mẫu, chưa chính thức",
  "shell.unitsSample":
    "Danh sách đơn vị đang là dữ liệu mẫu, chưa phải danh sách chính thức của Liên đoàn. Quản trị viên cần nhập danh sách thật.",
  "dash.forbidden": "Chỉ cán bộ theo dõi và quản trị viên mới xem được màn hình này.",
  "notFound.title": "Không có trang này",

  "nav.label": "Chuyển màn hình",
  "nav.overview": "Tổng quan",
  "nav.entry": "Nhập",
  "nav.ledger": "Sổ",
  "nav.awaiting": "kết quả cần bổ sung",
  "nav.settings": "Cài đặt",
  "nav.users": "Người dùng",
  "nav.dashboard": "Bảng điều hành",

  "status.label": "Trạng thái",
  "status.online": "Có mạng",
  "status.offline": "Không có mạng",
  "status.pending": "{n} mục chờ gửi",
  "status.noPending": "Đã gửi hết",
  "status.rejected": "{n} mục bị từ chối – xem Sổ",
  "status.lastSync": "Đồng bộ lúc {time}",
  "status.neverSynced": "Chưa đồng bộ",
  "status.persisted": "Đã bật lưu trữ lâu dài",
  "status.notPersisted": "Chưa bật lưu trữ lâu dài",
  "status.progress": "Đã gửi {sent} / {total}",
  "status.progressLabel": "Tiến độ gửi",
  "status.pushing": "Đang gửi…",
  "status.pulling": "Đang nhận số liệu…",
  "status.unreachable": "Chưa kết nối được máy chủ",
  "status.sessionOver": "Phiên đăng nhập đã hết hạn",
  "status.details": "Xem chi tiết trạng thái",
  "status.reach.reached": "Máy chủ đã trả lời",
  "status.reach.unreachable": "Không kết nối được máy chủ",
  "status.reach.offline": "Máy đang không có mạng",
  "status.reach.unknown": "Chưa kết nối máy chủ lần nào",

  "sync.now": "Đồng bộ ngay",

  "syncErr.network": "Không kết nối được máy chủ. Dữ liệu vẫn an toàn trên máy, sẽ tự gửi lại.",
  "syncErr.session": "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại để gửi số liệu; các mục vẫn an toàn trên máy.",
  "syncErr.storageFull": "Bộ nhớ máy đã đầy nên chưa đồng bộ được. Hãy giải phóng bộ nhớ.",
  "syncErr.rateLimited": "Máy chủ đang bận. Dữ liệu vẫn an toàn trên máy, sẽ tự gửi lại sau ít phút.",
  "syncErr.server": "Máy chủ đang gặp sự cố. Dữ liệu vẫn an toàn trên máy, sẽ tự gửi lại.",
  "syncErr.forbidden":
    "Máy chủ từ chối: máy này đã gắn với người dùng khác. Hãy báo quản trị viên; dữ liệu vẫn an toàn trên máy.",
  "syncErr.noProgress": "Máy chủ chưa nhận mục nào. Dữ liệu vẫn an toàn trên máy, sẽ tự thử lại.",
  "syncErr.client": "Có lỗi khi đồng bộ. Dữ liệu vẫn an toàn trên máy, sẽ tự thử lại.",
  "syncErr.other": "Đồng bộ chưa thành công (mã {code}). Dữ liệu vẫn an toàn trên máy, sẽ tự thử lại.",

  "session.expiredShort": "Hết phiên đăng nhập",
  "session.why": "Vì sao?",
  "session.safe":
    "Các mục đã nhập vẫn an toàn trên máy; đăng nhập lại để gửi đi. Phiên hết hạn sau một thời gian không dùng, hoặc khi quản trị đổi mật khẩu hay khóa tài khoản.",
  "session.signInAgain": "Đăng nhập lại",

  "update.title": "Có phiên bản mới",
  "update.accept": "Cập nhật",
  "update.blockedUnsaved": "Biểu mẫu nhập còn số liệu chưa lưu. Hãy lưu hoặc xóa trước khi cập nhật.",
  "update.blockedPending": "Còn {n} mục chưa gửi. Hãy đồng bộ trước khi cập nhật.",

  "overview.phase": "Đợt thi đua",
  "overview.allYear": "Cả năm",
  "overview.unit": "Đơn vị",
  "overview.allScope": "Toàn bộ đơn vị của tôi",
  "overview.issued": "{code} · ban hành {date}",
  "overview.targets": "{n} chỉ tiêu thi đua",
  "overview.unsent": "(gồm {n} chưa gửi)",
  "overview.unitsOf": "{n} đơn vị",
  "overview.unlimited": "Phấn đấu đạt và vượt",
  "overview.noGoal": "Chưa giao chỉ tiêu",
  "overview.exceeded": "vượt chỉ tiêu",
  "overview.noCampaign": "Chưa có phong trào thi đua nào trên máy.",
  "overview.noScope": "Chưa có đơn vị nào của bạn trên máy. Hãy đồng bộ khi có mạng.",
  "overview.milestonesAhead": "Ngày kỷ niệm sắp tới",
  "overview.milestonesPast": "Các ngày kỷ niệm của phong trào thi đua",
  "overview.anniversary": "Kỷ niệm {n} năm {title}",
  "overview.since": "từ năm {year}",
  "overview.phaseReports": "Báo cáo đợt",
  "overview.awaiting": "Cấp trên đề nghị bổ sung {n} kết quả của bạn.",
  "overview.awaitingHint": "Mở từng kết quả để trả lời hoặc sửa số liệu.",
  "overview.awaitingOpen": "Xem kết quả cần bổ sung",

  "part.goalCount": "{goal}",
  "part.goalPercent": "100% {uom}",
  "part.goalOpen": "không giới hạn ({uom})",

  "demo.bannerShort": "Dùng thử · dữ liệu mẫu",
  "demo.banner": "Đang dùng thử với dữ liệu mẫu — không đồng bộ, không lẫn với dữ liệu thật.",
  "demo.reset": "Làm lại từ đầu",
  "demo.leave": "Thoát dùng thử",
  "demo.enter": "Dùng thử với dữ liệu mẫu",
  "demo.enterHint": "Mở ứng dụng với một năm thi đua mẫu, không cần mạng. Dữ liệu thật không bị ảnh hưởng.",

  "status.pendingRecords": "{n} báo cáo/duyệt chưa gửi",
  "syncErr.clientOwned":
    "Máy này đã được một người dùng khác dùng để gửi số liệu. Hãy đăng nhập đúng tài khoản của máy; dữ liệu vẫn an toàn trên máy.",
  "syncErr.notFound":
    "Máy chủ chưa hỗ trợ chức năng này. Dữ liệu vẫn an toàn trên máy, sẽ gửi khi máy chủ được cập nhật.",
} as const;
