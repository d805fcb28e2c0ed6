/**
 * Stable error codes and their messages in Vietnamese (first) and English. The server answers with the message
 * in the caller's language; the web app shows the message for the code in the user's language.
 * Placeholders in braces ({field}, {seconds}, …) are filled from the error's params.
 */

export const ERROR_MESSAGES = {
  'request.malformed_json': {
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  'request.body_too_large': {
    vi: 'Nội dung gửi lên quá lớn (tối đa {limit} byte).',
    en: 'The request body is too large (at most {limit} bytes).',
  },
  'request.unsupported_media_type': {
    vi: 'Kiểu nội dung không được hỗ trợ.',
    en: 'Unsupported content type.',
  },
  'request.rate_limited': {
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
    en: 'Too many requests; try again later.',
  },
  'validation.failed': {
    vi: 'Dữ liệu không hợp lệ: {field} — {reason}.',
    en: 'Invalid data: {field} — {reason}.',
  },
  'route.not_found': { vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'No such route.' },
  'entity.not_found': { vi: 'Không tìm thấy {entity}.', en: '{entity} not found.' },
  'entity.conflict': {
    vi: 'Dữ liệu đã bị người khác thay đổi; hãy tải lại rồi thử lại.',
    en: 'The record was changed by someone else; reload and try again.',
  },
  'auth.unauthenticated': { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  'auth.invalid_credentials': {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  'auth.locked': {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {seconds} giây.',
    en: 'Account temporarily locked after repeated failures. Try again in {seconds} seconds.',
  },
  'auth.totp_required': {
    vi: 'Nhập mã xác thực 6 chữ số từ ứng dụng xác thực.',
    en: 'Enter the 6-digit code from your authenticator app.',
  },
  'auth.totp_invalid': { vi: 'Mã xác thực không đúng.', en: 'Wrong authentication code.' },
  'auth.totp_not_enrolled': {
    vi: 'Chưa khởi tạo xác thực hai bước.',
    en: 'Two-factor authentication has not been set up.',
  },
  'auth.csrf_invalid': {
    vi: 'Phiên làm việc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang.',
    en: 'Missing or wrong CSRF token. Reload the page.',
  },
  'auth.forbidden': {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  'auth.password_policy': {
    vi: 'Mật khẩu chưa đạt yêu cầu: {reason}.',
    en: 'The password does not meet the policy: {reason}.',
  },
  'auth.password_change_required': {
    vi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
    en: 'You must change your password before going on.',
  },
  'auth.password_wrong': { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  'auth.token_invalid': {
    vi: 'Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
    en: 'The API token is invalid, expired or revoked.',
  },
  'auth.token_scope': {
    vi: 'Phạm vi mã truy cập không hợp lệ: {reason}.',
    en: 'Invalid token scope: {reason}.',
  },
  'organisation.duplicate_code': {
    vi: 'Mã tổ chức "{code}" đã tồn tại.',
    en: 'Organisation code "{code}" already exists.',
  },
  'organisation.has_users': {
    vi: 'Không thể xóa tổ chức còn người dùng; hãy chuyển hoặc vô hiệu hóa họ trước.',
    en: 'An organisation with users cannot be deleted; move or disable them first.',
  },
  'organisation.commune_required': {
    vi: 'Ủy ban xã/phường phải gắn với một xã/phường.',
    en: 'A commune committee must name its commune.',
  },
  'geo.unknown_commune': {
    vi: 'Mã xã/phường "{code}" không có trong danh mục.',
    en: 'Commune code "{code}" is not in the list.',
  },
  'source.duplicate': {
    vi: 'Nguồn {nuclide} số sê-ri "{serial}" của nhà sản xuất này đã có trong sổ đăng ký.',
    en: 'Source {nuclide} serial "{serial}" from this manufacturer is already registered.',
  },
  'source.transaction_not_allowed': {
    vi: 'Không thể ghi giao dịch "{type}" khi nguồn đang ở trạng thái "{status}".',
    en: 'A "{type}" transaction cannot be recorded while the source is "{status}".',
  },
  'application.action_not_allowed': {
    vi: 'Không thể thực hiện "{action}" khi hồ sơ đang ở trạng thái "{status}".',
    en: 'Cannot "{action}" an application that is "{status}".',
  },
  'licence.duplicate_number': {
    vi: 'Số giấy phép "{number}" đã tồn tại.',
    en: 'Licence number "{number}" already exists.',
  },
  'import.invalid': {
    vi: 'Tệp có {count} lỗi; chưa ghi dữ liệu nào. Sửa tệp rồi thử lại.',
    en: 'The file has {count} problems; nothing was written. Fix the file and try again.',
  },
  'import.unreadable': {
    vi: 'Không đọc được tệp: {reason}.',
    en: 'The file cannot be read: {reason}.',
  },
  'inspection.open_findings': {
    vi: 'Chưa thể kết thúc: còn {count} phát hiện chưa được xác nhận đã khắc phục.',
    en: 'Cannot close: {count} findings are not verified as corrected.',
  },
  'inspection.not_editable': {
    vi: 'Cuộc kiểm tra đã kết thúc hoặc bị hủy, không thể sửa.',
    en: 'The inspection is closed or cancelled and cannot be changed.',
  },
  'user.duplicate_username': {
    vi: 'Tên đăng nhập "{username}" đã được dùng.',
    en: 'Username "{username}" is taken.',
  },
  'user.role_not_allowed': {
    vi: 'Vai trò "{role}" không phù hợp với loại tổ chức của người dùng.',
    en: 'Role "{role}" does not fit the user\'s kind of organisation.',
  },
  'user.self_lockout': {
    vi: 'Không thể tự vô hiệu hóa hoặc bỏ quyền quản trị của chính mình.',
    en: 'You cannot disable yourself or remove your own admin role.',
  },
  'ingest.not_an_object': {
    vi: 'Mục số liệu phải là một đối tượng JSON.',
    en: 'A measurement must be a JSON object.',
  },
  'ingest.station_missing': {
    vi: 'Thiếu mã trạm (trường "station").',
    en: 'The station code is missing (field "station").',
  },
  'ingest.unknown_station': {
    vi: 'Không có trạm quan trắc mã "{station}".',
    en: 'There is no monitoring station "{station}".',
  },
  'ingest.station_not_allowed': {
    vi: 'Mã gửi số liệu này chỉ dành cho trạm "{allowed}", không gửi được cho trạm "{station}".',
    en: 'This ingest token speaks for station "{allowed}" only, not for "{station}".',
  },
  'ingest.unknown_quantity': {
    vi: 'Đại lượng "{quantity}" không được hỗ trợ (trường "{field}").',
    en: 'Quantity "{quantity}" is not supported (field "{field}").',
  },
  'ingest.invalid_value': {
    vi: 'Giá trị đo phải là một số hữu hạn (trường "{field}").',
    en: 'The measured value must be a finite number (field "{field}").',
  },
  'ingest.unit_missing': {
    vi: 'Thiếu đơn vị đo (trường "unit").',
    en: 'The unit is missing (field "unit").',
  },
  'ingest.unknown_unit': {
    vi: 'Đơn vị "{unit}" không dùng được cho "{quantity}": {reason}.',
    en: 'Unit "{unit}" cannot be used for "{quantity}": {reason}.',
  },
  'ingest.time_missing': {
    vi: 'Thiếu thời gian đo: gửi "time" hoặc "begin" và "end".',
    en: 'The time is missing: send "time", or "begin" and "end".',
  },
  'ingest.invalid_time': {
    vi: 'Thời gian "{value}" (trường "{field}") không hợp lệ: cần ngày giờ ISO 8601 có múi giờ, sau năm 1990.',
    en: 'Time "{value}" (field "{field}") is invalid: use an ISO 8601 date-time with a time zone, after 1990.',
  },
  'ingest.no_conversion': {
    vi: 'Trạm không có hệ số chuyển đổi cho bộ đếm "{sensor}".',
    en: 'The station has no conversion factor for counter "{sensor}".',
  },
  'ingest.unreadable': {
    vi: 'Không đọc được dữ liệu ({format}): {reason}.',
    en: 'The data cannot be read ({format}): {reason}.',
  },
  'ingest.record_dropped': {
    vi: 'Bản ghi dòng {line} bị bỏ: {reason} (trường "{field}").',
    en: 'The record on line {line} was dropped: {reason} (field "{field}").',
  },
  'ingest.too_many': {
    vi: 'Quá nhiều số liệu trong một lần gửi ({count}); tối đa {max}.',
    en: 'Too many measurements in one batch ({count}); at most {max}.',
  },
  'alarm.action_not_allowed': {
    vi: 'Không thể "{action}" khi cảnh báo đang ở trạng thái "{state}".',
    en: 'Cannot "{action}" an alarm that is "{state}".',
  },
  'incident.transition_not_allowed': {
    vi: "Không thể chuyển sự cố từ trạng thái '{from}' sang '{to}' (sự cố hiện ở trạng thái '{current}').",
    en: "Cannot move from '{from}' to '{to}' (the incident is '{current}' now).",
  },
  'incident.assessment_required': {
    vi: 'Cần nêu mức độ nghiêm trọng trước khi chuyển sự cố sang "đã đánh giá".',
    en: 'Give the severity before the incident can be assessed.',
  },
  'incident.final_report_required': {
    vi: 'Cần có báo cáo cuối cùng trước khi đóng sự cố.',
    en: 'A final report is needed to close the incident.',
  },
  'incident.reason_required': {
    vi: 'Cần nêu lý do đóng sớm hoặc mở lại sự cố.',
    en: 'Give the reason for closing the incident early or reopening it.',
  },
  'incident.closed': {
    vi: 'Sự cố đã đóng; hãy mở lại trước khi thay đổi.',
    en: 'The incident is closed; reopen it first.',
  },
  'incident.task_transition_not_allowed': {
    vi: 'Không thể chuyển nhiệm vụ từ "{from}" sang "{to}".',
    en: 'A task that is "{from}" cannot move to "{to}".',
  },
  'incident.notice_not_allowed': {
    vi: 'Không thể thực hiện thao tác này với thông báo đang ở trạng thái "{state}".',
    en: 'This cannot be done to a notice that is "{state}".',
  },
  'measurement.invalid_period': {
    vi: 'Khoảng thời gian không hợp lệ: "from" phải trước "to".',
    en: 'Invalid period: "from" must be before "to".',
  },
  'service.unavailable': {
    vi: 'Dịch vụ tạm thời không sẵn sàng.',
    en: 'The service is temporarily unavailable.',
  },
  internal: {
    vi: 'Đã xảy ra lỗi hệ thống. Mã tra cứu: {requestId}.',
    en: 'Something went wrong on our side. Reference: {requestId}.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** Reasons used in validation details, translated the same way. */
export const VALIDATION_REASONS = {
  required: { vi: 'bắt buộc', en: 'is required' },
  type: { vi: 'sai kiểu dữ liệu (cần {expected})', en: 'has the wrong type (expected {expected})' },
  unknown_field: { vi: 'trường không được phép', en: 'is not an allowed field' },
  format: { vi: 'sai định dạng ({format})', en: 'has the wrong format ({format})' },
  too_short: { vi: 'quá ngắn (tối thiểu {limit})', en: 'is too short (at least {limit})' },
  too_long: { vi: 'quá dài (tối đa {limit})', en: 'is too long (at most {limit})' },
  too_small: { vi: 'nhỏ hơn mức cho phép ({limit})', en: 'is below the minimum ({limit})' },
  too_large: { vi: 'lớn hơn mức cho phép ({limit})', en: 'is above the maximum ({limit})' },
  not_allowed_value: { vi: 'giá trị không được phép', en: 'is not an allowed value' },
  pattern: { vi: 'không đúng mẫu', en: 'does not match the expected pattern' },
  too_many_items: { vi: 'quá nhiều phần tử (tối đa {limit})', en: 'has too many items (at most {limit})' },
  too_few_items: { vi: 'quá ít phần tử (tối thiểu {limit})', en: 'has too few items (at least {limit})' },
  duplicate_items: { vi: 'có phần tử trùng lặp', en: 'has duplicate items' },
  invalid: { vi: 'không hợp lệ', en: 'is invalid' },
  alarm_rule: { vi: 'không hợp lệ ({detail})', en: 'is invalid ({detail})' },
  unknown_column: { vi: 'cột không được hỗ trợ', en: 'is not a supported column' },
  missing_column: { vi: 'thiếu cột bắt buộc "{header}"', en: 'the required column "{header}" is missing' },
  duplicate_in_file: { vi: 'trùng lặp trong tệp', en: 'is duplicated in the file' },
  empty_file: { vi: 'tệp không có dòng dữ liệu nào', en: 'the file has no data rows' },
  already_exists: { vi: 'đã có trong sổ đăng ký', en: 'already exists in the registry' },
  unknown_facility: {
    vi: 'không có cơ sở với mã này (trong phạm vi của bạn)',
    en: 'no facility with this code (within your scope)',
  },
  unknown_commune: {
    vi: 'mã xã/phường không có trong danh mục',
    en: 'is not a commune code of the province',
  },
  in_future: { vi: 'không được ở tương lai', en: 'must not be in the future' },
  unknown_nuclide: {
    vi: 'đồng vị không có trong dữ liệu tham chiếu',
    en: 'is not a nuclide in the reference data',
  },
  not_a_facility: { vi: 'không phải cơ sở bức xạ', en: 'is not a radiation facility' },
  file_type: {
    vi: 'không phải tệp PDF, ảnh PNG/JPEG, Word (DOCX) hoặc Excel (XLSX)',
    en: 'is not a PDF, PNG/JPEG image, Word (DOCX) or Excel (XLSX) file',
  },
  unknown_document: {
    vi: 'không phải thành phần hồ sơ của thủ tục này',
    en: 'is not a document of this procedure',
  },
  unknown_sampling_point: {
    vi: 'không có điểm lấy mẫu nước sông với mã này',
    en: 'no river sampling point has this code',
  },
  sample_exists: {
    vi: 'điểm này đã có mẫu cùng mã với kết quả khác',
    en: 'this point already has a sample with this code and different results',
  },
  no_measurement: {
    vi: 'không có kết quả đo nào (δ18O, δ2H hoặc tritium)',
    en: 'has no measured value (δ18O, δ2H or tritium)',
  },
  uncertainty_without_value: {
    vi: 'có sai số nhưng thiếu giá trị đo tương ứng',
    en: 'gives an uncertainty without the measured value',
  },
  formula_like: {
    vi: 'bắt đầu như một công thức bảng tính (=, +, -, @), không được chấp nhận',
    en: 'starts like a spreadsheet formula (=, +, -, @) and is refused',
  },
  private_address: {
    vi: 'trỏ tới địa chỉ mạng nội bộ hoặc địa chỉ đặc biệt mà máy chủ này không cho phép gửi webhook',
    en: 'points to an internal or special network address this server does not send webhooks to',
  },
  url_credentials: {
    vi: 'không được chứa tên đăng nhập hoặc mật khẩu',
    en: 'must not contain a user name or password',
  },
} as const satisfies Record<string, { vi: string; en: string }>;
export type ValidationReason = keyof typeof VALIDATION_REASONS;

export function interpolate(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** What `entity` in a message names, as a reader says it. */
const ENTITY_NAMES: Record<string, { vi: string; en: string }> = {
  organisation: { vi: 'tổ chức', en: 'organisation' },
  user: { vi: 'người dùng', en: 'user' },
  api_token: { vi: 'mã truy cập API', en: 'API token' },
  facility: { vi: 'cơ sở bức xạ', en: 'radiation facility' },
  source: { vi: 'nguồn phóng xạ', en: 'radioactive source' },
  device: { vi: 'thiết bị bức xạ', en: 'radiation device' },
  licence: { vi: 'giấy phép', en: 'licence' },
  application: { vi: 'hồ sơ cấp phép', en: 'licence application' },
  inspection: { vi: 'cuộc kiểm tra', en: 'inspection' },
  finding: { vi: 'phát hiện', en: 'finding' },
  inventory: { vi: 'đợt kiểm kê', en: 'inventory' },
  inventory_finding: { vi: 'chênh lệch kiểm kê', en: 'inventory difference' },
  file: { vi: 'tệp đính kèm', en: 'attached file' },
  station: { vi: 'trạm quan trắc', en: 'monitoring station' },
  alarm: { vi: 'cảnh báo', en: 'alarm' },
  emergency_run: { vi: 'lần tính phát tán', en: 'dispersion run' },
  commune: { vi: 'xã, phường', en: 'commune' },
  isotope_sample: { vi: 'mẫu đồng vị', en: 'isotope sample' },
  sampling_point: { vi: 'điểm lấy mẫu nước sông', en: 'river sampling point' },
  token: { vi: 'mã truy cập', en: 'token' },
  incident: { vi: 'sự cố', en: 'incident' },
  incident_task: { vi: 'nhiệm vụ', en: 'task' },
  incident_notice: { vi: 'thông báo', en: 'notice' },
  incident_clock: { vi: 'thời hạn', en: 'deadline' },
  notice: { vi: 'thông báo', en: 'notice' },
  publication_rule: { vi: 'quy tắc công bố riêng của trạm', en: "station's own publication rule" },
  attachment: { vi: 'tệp đính kèm', en: 'attachment' },
};

/** An incident's states as a reader says them, for the messages of refused moves (details keep the codes). */
const INCIDENT_STATE_WORDS: Record<string, { vi: string; en: string }> = {
  reported: { vi: 'Mới tiếp nhận', en: 'reported' },
  assessed: { vi: 'Đã đánh giá', en: 'assessed' },
  response: { vi: 'Đang ứng phó', en: 'response' },
  recovery: { vi: 'Khắc phục hậu quả', en: 'recovery' },
  closed: { vi: 'Đã kết thúc', en: 'closed' },
};

/** A public notice's states, for the message of a refused notice move. */
const NOTICE_STATE_WORDS: Record<string, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'draft' },
  submitted: { vi: 'Chờ duyệt', en: 'awaiting approval' },
  approved: { vi: 'Đã công bố', en: 'published' },
  withdrawn: { vi: 'Đã gỡ bỏ', en: 'withdrawn' },
};

/** Parameters named in words: `entity` always, incident states in the incident lifecycle's messages. */
function wordedParams(
  code: string,
  locale: Locale,
  params: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...params };
  const entity = typeof params['entity'] === 'string' ? ENTITY_NAMES[params['entity']] : undefined;
  if (entity) out['entity'] = entity[locale];
  if (code.startsWith('incident.') && !code.startsWith('incident.task'))
    for (const key of ['from', 'to', 'current']) {
      const word = typeof params[key] === 'string' ? INCIDENT_STATE_WORDS[params[key]] : undefined;
      if (word) out[key] = word[locale];
    }
  if (code === 'incident.notice_not_allowed' && typeof params.state === 'string') {
    const word = NOTICE_STATE_WORDS[params.state];
    if (word) out.state = word[locale];
  }
  return out;
}

export function errorMessage(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = (ERROR_MESSAGES as Record<string, { vi: string; en: string }>)[code];
  if (!entry) return code;
  const text = interpolate(entry[locale], wordedParams(code, locale, params));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** JSON Schema type names as a reader says them. */
const TYPE_NAMES: Record<string, { vi: string; en: string }> = {
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  string: { vi: 'một chuỗi ký tự', en: 'text' },
  boolean: { vi: 'đúng hoặc sai', en: 'true or false' },
  array: { vi: 'một danh sách', en: 'a list' },
  object: { vi: 'một đối tượng', en: 'an object' },
  date: { vi: 'một ngày', en: 'a date' },
};

export function validationReason(
  reason: string,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const entry = (VALIDATION_REASONS as Record<string, { vi: string; en: string }>)[reason];
  const expected = typeof params['expected'] === 'string' ? TYPE_NAMES[params['expected']] : undefined;
  const shown = expected ? { ...params, expected: expected[locale] } : params;
  return interpolate(entry ? entry[locale] : reason, shown);
}
