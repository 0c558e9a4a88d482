// The admin screens' one message catalogue: Vietnamese first, English second.
const messages = {
  vi: {
    appTitle: 'Quản trị · Hài Lòng', skip: 'Bỏ qua đến nội dung chính', navLabel: 'Các mục quản trị',
    switchTo: 'English', signOut: 'Đăng xuất', changePassword: 'Đổi mật khẩu', loading: 'Đang tải…',
    role_admin: 'Quản trị viên', role_analyst: 'Chuyên viên phân tích', role_agency_manager: 'Quản lý đơn vị',
    nav_units: 'Đơn vị', nav_devices: 'Thiết bị', nav_questionnaires: 'Bộ câu hỏi', nav_audit: 'Nhật ký',
    nav_centres: 'Trung tâm, quầy', nav_catalogue: 'Thủ tục', nav_users: 'Người dùng', nav_keys: 'Khóa API',
    unexpected: 'Đã có lỗi không mong muốn; tải lại trang.', network: 'Không kết nối được máy chủ.',
    forbidden: 'Không được phép', notFound: 'Không tìm thấy', conflict: 'Xung đột', invalid: 'Dữ liệu chưa hợp lệ',
    tooMany: 'Quá nhiều lần thử', failed: 'Không thực hiện được',
    problemsCaption: 'Các lỗi trong tệp (không dòng nào được nhập)', row: 'Dòng', column: 'Cột', problem: 'Lỗi',
    cancel: 'Hủy', save: 'Lưu', saved: 'Đã lưu.', add: 'Thêm', edit: 'Sửa', back: 'Quay lại', yes: 'Có', no: 'Không',
    code: 'Mã', nameVi: 'Tên tiếng Việt', nameEn: 'Tên tiếng Anh', name: 'Tên', kind: 'Loại', parent: 'Đơn vị cấp trên',
    status: 'Trạng thái', active: 'Đang hoạt động', inactive: 'Ngừng hoạt động', actions: 'Thao tác', none: '(không có)',
    unit: 'Đơn vị', centre: 'Trung tâm', noRights: 'Tài khoản của bạn không dùng được mục này.',
    importCsv: 'Nhập từ tệp CSV', csvFile: 'Tệp CSV', importButton: 'Nhập', imported: 'Đã nhập {0} dòng: {1} mới, {2} cập nhật.',
    chooseFile: 'Chọn một tệp CSV.',
    // password
    passwordTitle: 'Đổi mật khẩu', currentPassword: 'Mật khẩu hiện tại', newPassword: 'Mật khẩu mới',
    repeatPassword: 'Nhập lại mật khẩu mới', passwordHint: 'Ít nhất 10 ký tự.', passwordsDiffer: 'Hai mật khẩu mới không giống nhau.',
    passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.',
    // units
    unitsTitle: 'Đơn vị hành chính', unitTree: 'Cây đơn vị', addUnit: 'Thêm đơn vị', unitAdded: 'Đã thêm đơn vị {0}.',
    noParent: '(cấp cao nhất)', expand: 'Mở {0}', collapse: 'Thu gọn {0}', unitDetails: 'Đơn vị {0}',
    rename: 'Đổi tên', move: 'Chuyển sang đơn vị cấp trên khác', newParent: 'Đơn vị cấp trên mới', moveButton: 'Chuyển',
    deactivate: 'Ngừng hoạt động', reactivate: 'Hoạt động trở lại', unitMoved: 'Đã chuyển đơn vị.',
    deactivateConfirm: 'Ngừng hoạt động đơn vị “{0}”?', unitCsvHint: 'Các cột: code,name_vi,name_en,kind,parent_code',
    allUnits: 'Tất cả đơn vị', noUnits: 'Chưa có đơn vị nào.', centresOfUnit: 'Trung tâm của đơn vị',
    // devices
    devicesTitle: 'Thiết bị đánh giá (kiosk)', addDevice: 'Thêm thiết bị', deviceName: 'Tên thiết bị',
    status_awaiting_enrolment: 'Chờ kích hoạt', status_enrolled: 'Đã kích hoạt', status_revoked: 'Đã thu hồi',
    lastSeen: 'Lần cuối liên lạc', codeExpires: 'Mã hết hạn', renewCode: 'Cấp mã mới', revoke: 'Thu hồi',
    revokeConfirm: 'Thu hồi thiết bị “{0}”? Thiết bị sẽ không gửi được đánh giá nữa.', revoked: 'Đã thu hồi thiết bị.',
    enrolmentTitle: 'Mã kích hoạt cho “{0}”', enrolmentCode: 'Mã kích hoạt (dùng một lần, hết hạn sau 24 giờ)',
    enrolmentUrl: 'Đường dẫn kích hoạt', qrAlt: 'Mã QR của đường dẫn kích hoạt {0}',
    enrolmentHint: 'Mở đường dẫn này trên máy kiosk, hoặc quét mã QR. Mã chỉ hiện một lần.', noDevices: 'Chưa có thiết bị nào.',
    noCentres: 'Chưa có trung tâm nào; hãy thêm trung tâm trước.', done: 'Xong',
    // questionnaires
    questionnairesTitle: 'Bộ câu hỏi', newQuestionnaire: 'Tạo bộ câu hỏi từ mẫu', preset: 'Mẫu',
    methodology: 'Phương pháp', versions: 'Phiên bản', version: 'Phiên bản {0}', draft: 'Bản nháp',
    published: 'Đã công bố', publishedAt: 'Công bố lúc', open: 'Mở', created: 'Đã tạo.',
    newDraft: 'Tạo bản nháp mới từ phiên bản mới nhất', deleteDraft: 'Xóa bản nháp', publish: 'Công bố',
    publishConfirm: 'Công bố phiên bản {0}? Phiên bản đã công bố sẽ không bao giờ thay đổi được nữa.',
    deleteConfirm: 'Xóa bản nháp phiên bản {0}?', draftDeleted: 'Đã xóa bản nháp.',
    readOnly: 'Phiên bản này đã công bố nên chỉ xem được. Muốn sửa, hãy tạo bản nháp mới.',
    titleVi: 'Tiêu đề (tiếng Việt)', titleEn: 'Tiêu đề (tiếng Anh)', introVi: 'Lời giới thiệu (tiếng Việt)',
    introEn: 'Lời giới thiệu (tiếng Anh)', elements: 'Nhóm tiêu chí (yếu tố)', criteria: 'Câu hỏi (tiêu chí)',
    element: 'Yếu tố', weight: 'Trọng số', indicator: 'Mã chỉ số', scale: 'Thang đo', textVi: 'Nội dung (tiếng Việt)',
    textEn: 'Nội dung (tiếng Anh)', required: 'Bắt buộc', allowsNa: 'Cho phép “Không áp dụng”',
    addElement: 'Thêm yếu tố', addCriterion: 'Thêm câu hỏi', remove: 'Xóa', moveUp: 'Lên', moveDown: 'Xuống',
    criterionN: 'Câu {0}', elementN: 'Yếu tố {0}', comparability: 'So sánh với phiên bản trước ({0})',
    comparabilityFirst: 'Phiên bản đầu tiên: mọi chỉ số đều mới.', kept: 'Giữ nguyên', added: 'Thêm mới', dropped: 'Bỏ đi',
    publishedOk: 'Đã công bố phiên bản {0}.', kind_rating: 'Đánh giá', kind_overall: 'Hài lòng chung',
    kind_expectation: 'Mong muốn', kind_incident: 'Sự việc', kind_problem: 'Vấn đề', kind_reason: 'Lý do',
    questionnaire: 'Bộ câu hỏi {0}',
    // audit
    auditTitle: 'Nhật ký thay đổi', actor: 'Người thực hiện', action: 'Hành động', entity: 'Đối tượng',
    from: 'Từ ngày', to: 'Đến ngày', filter: 'Lọc', at: 'Thời điểm', details: 'Chi tiết', before: 'Trước', after: 'Sau',
    newer: 'Trang trước', older: 'Trang sau', page: 'Trang {0}', noEvents: 'Không có sự kiện nào.',
    eventDetails: 'Sự kiện #{0}', entityId: 'Mã đối tượng',
    // centres
    centresTitle: 'Trung tâm phục vụ, quầy', addCentre: 'Thêm trung tâm', address: 'Địa chỉ',
    kioskQuestionnaire: 'Bộ câu hỏi cho kiosk (mã)', counters: 'Quầy', addCounter: 'Thêm quầy', centreTitle: 'Trung tâm {0}',
    editCentre: 'Sửa trung tâm', noCounters: 'Chưa có quầy nào.', editCounter: 'Sửa quầy {0}',
    // catalogue
    catalogueTitle: 'Thủ tục hành chính', fields: 'Lĩnh vực', addField: 'Thêm lĩnh vực', field: 'Lĩnh vực',
    services: 'Thủ tục', addService: 'Thêm thủ tục', search: 'Tìm kiếm', allFields: 'Tất cả lĩnh vực',
    editService: 'Sửa thủ tục {0}', serviceCsvHint: 'Các cột: code,name_vi,name_en,field_code', noServices: 'Không có thủ tục nào.',
    // users and keys
    usersTitle: 'Người dùng', addUser: 'Thêm người dùng', username: 'Tên đăng nhập', displayName: 'Tên hiển thị',
    role: 'Vai trò', password: 'Mật khẩu', editUser: 'Sửa người dùng {0}', resetPassword: 'Đặt lại mật khẩu (để trống nếu không đổi)',
    keysTitle: 'Khóa API', addKey: 'Tạo khóa API', scopes: 'Quyền', scope_invitations: 'Gửi lời mời khảo sát',
    scope_import: 'Nhập dữ liệu', scope_read: 'Đọc dữ liệu', secretTitle: 'Khóa bí mật của “{0}”',
    secretWarning: 'Sao chép khóa này ngay: nó chỉ hiện một lần này và không thể xem lại.', copy: 'Sao chép',
    copied: 'Đã sao chép.', revokeKeyConfirm: 'Thu hồi khóa “{0}”? Các hệ thống đang dùng khóa này sẽ bị từ chối.',
    prefix: 'Tiền tố', createdAt: 'Tạo lúc', revokedAt: 'Thu hồi lúc', lastUsed: 'Dùng lần cuối',
  },
  en: {
    appTitle: 'Administration · Hài Lòng', skip: 'Skip to main content', navLabel: 'Administration sections',
    switchTo: 'Tiếng Việt', signOut: 'Sign out', changePassword: 'Change password', loading: 'Loading…',
    role_admin: 'Administrator', role_analyst: 'Analyst', role_agency_manager: 'Agency manager',
    nav_units: 'Units', nav_devices: 'Devices', nav_questionnaires: 'Questionnaires', nav_audit: 'Audit log',
    nav_centres: 'Centres, counters', nav_catalogue: 'Services', nav_users: 'Users', nav_keys: 'API keys',
    unexpected: 'Something unexpected went wrong; reload the page.', network: 'Cannot reach the server.',
    forbidden: 'Not allowed', notFound: 'Not found', conflict: 'Conflict', invalid: 'Not valid', tooMany: 'Too many attempts',
    failed: 'Could not do this',
    problemsCaption: 'Problems in the file (no row was imported)', row: 'Row', column: 'Column', problem: 'Problem',
    cancel: 'Cancel', save: 'Save', saved: 'Saved.', add: 'Add', edit: 'Edit', back: 'Back', yes: 'Yes', no: 'No',
    code: 'Code', nameVi: 'Name (Vietnamese)', nameEn: 'Name (English)', name: 'Name', kind: 'Kind', parent: 'Parent unit',
    status: 'Status', active: 'Active', inactive: 'Inactive', actions: 'Actions', none: '(none)',
    unit: 'Unit', centre: 'Centre', noRights: 'Your account cannot use this section.',
    importCsv: 'Import from a CSV file', csvFile: 'CSV file', importButton: 'Import', imported: 'Imported {0} rows: {1} new, {2} updated.',
    chooseFile: 'Choose a CSV file.',
    passwordTitle: 'Change password', currentPassword: 'Current password', newPassword: 'New password',
    repeatPassword: 'New password again', passwordHint: 'At least 10 characters.', passwordsDiffer: 'The two new passwords differ.',
    passwordChanged: 'Password changed. Your other sessions were signed out.',
    unitsTitle: 'Administrative units', unitTree: 'Unit tree', addUnit: 'Add a unit', unitAdded: 'Unit {0} added.',
    noParent: '(top level)', expand: 'Expand {0}', collapse: 'Collapse {0}', unitDetails: 'Unit {0}',
    rename: 'Rename', move: 'Move under another parent', newParent: 'New parent unit', moveButton: 'Move',
    deactivate: 'Deactivate', reactivate: 'Reactivate', unitMoved: 'Unit moved.',
    deactivateConfirm: 'Deactivate the unit “{0}”?', unitCsvHint: 'Columns: code,name_vi,name_en,kind,parent_code',
    allUnits: 'All units', noUnits: 'No units yet.', centresOfUnit: 'Centres of this unit',
    devicesTitle: 'Kiosk devices', addDevice: 'Add a device', deviceName: 'Device name',
    status_awaiting_enrolment: 'Awaiting enrolment', status_enrolled: 'Enrolled', status_revoked: 'Revoked',
    lastSeen: 'Last seen', codeExpires: 'Code expires', renewCode: 'New code', revoke: 'Revoke',
    revokeConfirm: 'Revoke the device “{0}”? It will no longer be able to send ratings.', revoked: 'Device revoked.',
    enrolmentTitle: 'Enrolment code for “{0}”', enrolmentCode: 'Enrolment code (one use, expires in 24 hours)',
    enrolmentUrl: 'Enrolment link', qrAlt: 'QR code of the enrolment link {0}',
    enrolmentHint: 'Open this link on the kiosk, or scan the QR code. The code is shown only once.', noDevices: 'No devices yet.',
    noCentres: 'No centres yet; add a centre first.', done: 'Done',
    questionnairesTitle: 'Questionnaires', newQuestionnaire: 'Create a questionnaire from a preset', preset: 'Preset',
    methodology: 'Methodology', versions: 'Versions', version: 'Version {0}', draft: 'Draft',
    published: 'Published', publishedAt: 'Published at', open: 'Open', created: 'Created.',
    newDraft: 'New draft from the newest version', deleteDraft: 'Delete draft', publish: 'Publish',
    publishConfirm: 'Publish version {0}? Published versions can never change.',
    deleteConfirm: 'Delete the draft of version {0}?', draftDeleted: 'Draft deleted.',
    readOnly: 'This version is published and read-only. To change it, create a new draft.',
    titleVi: 'Title (Vietnamese)', titleEn: 'Title (English)', introVi: 'Introduction (Vietnamese)',
    introEn: 'Introduction (English)', elements: 'Elements', criteria: 'Questions (criteria)',
    element: 'Element', weight: 'Weight', indicator: 'Indicator code', scale: 'Scale', textVi: 'Text (Vietnamese)',
    textEn: 'Text (English)', required: 'Required', allowsNa: 'Allows “Not applicable”',
    addElement: 'Add an element', addCriterion: 'Add a question', remove: 'Remove', moveUp: 'Up', moveDown: 'Down',
    criterionN: 'Question {0}', elementN: 'Element {0}', comparability: 'Compared with the previous version ({0})',
    comparabilityFirst: 'First version: every indicator is new.', kept: 'Kept', added: 'Added', dropped: 'Dropped',
    publishedOk: 'Version {0} published.', kind_rating: 'Rating', kind_overall: 'Overall', kind_expectation: 'Expectation',
    kind_incident: 'Incident', kind_problem: 'Problem', kind_reason: 'Reason', questionnaire: 'Questionnaire {0}',
    auditTitle: 'Audit log', actor: 'Actor', action: 'Action', entity: 'Entity',
    from: 'From', to: 'To', filter: 'Filter', at: 'At', details: 'Details', before: 'Before', after: 'After',
    newer: 'Newer', older: 'Older', page: 'Page {0}', noEvents: 'No events.', eventDetails: 'Event #{0}', entityId: 'Entity id',
    centresTitle: 'Service centres and counters', addCentre: 'Add a centre', address: 'Address',
    kioskQuestionnaire: 'Kiosk questionnaire (code)', counters: 'Counters', addCounter: 'Add a counter', centreTitle: 'Centre {0}',
    editCentre: 'Edit centre', noCounters: 'No counters yet.', editCounter: 'Edit counter {0}',
    catalogueTitle: 'Administrative procedures', fields: 'Fields', addField: 'Add a field', field: 'Field',
    services: 'Procedures', addService: 'Add a procedure', search: 'Search', allFields: 'All fields',
    editService: 'Edit procedure {0}', serviceCsvHint: 'Columns: code,name_vi,name_en,field_code', noServices: 'No procedures.',
    usersTitle: 'Users', addUser: 'Add a user', username: 'User name', displayName: 'Display name',
    role: 'Role', password: 'Password', editUser: 'Edit user {0}', resetPassword: 'Reset password (leave empty to keep)',
    keysTitle: 'API keys', addKey: 'Create an API key', scopes: 'Scopes', scope_invitations: 'Send survey invitations',
    scope_import: 'Import data', scope_read: 'Read data', secretTitle: 'Secret of “{0}”',
    secretWarning: 'Copy this key now: it is shown this once only and can never be seen again.', copy: 'Copy',
    copied: 'Copied.', revokeKeyConfirm: 'Revoke the key “{0}”? Systems using it will be refused.',
    prefix: 'Prefix', createdAt: 'Created', revokedAt: 'Revoked', lastUsed: 'Last used',
  },
};

let lang = localStorage.getItem('hailong.lang') === 'en' ? 'en' : 'vi';

export const currentLang = () => lang;

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'vi';
  localStorage.setItem('hailong.lang', lang);
  document.documentElement.lang = lang;
}

/** The message for key in the current language, with {0}, {1}… replaced by args. */
export function t(key, ...args) {
  const text = messages[lang][key] ?? messages.vi[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A unit's, centre's or other record's name in the current language (Vietnamese when English is missing). */
export const nameOf = (x) => (lang === 'en' && x?.nameEn ? x.nameEn : x?.nameVi) ?? '';
