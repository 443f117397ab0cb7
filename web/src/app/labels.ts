// Vietnamese names of the API's enums and action names, as officers know them (CONSOLE.md).

export const STATUS: Record<string, string> = {
  DRAFT: "Chờ tiếp nhận",
  IN_PROGRESS: "Đang xử lý",
  AWAITING_SUPPLEMENT: "Chờ bổ sung",
  REWORK_REQUESTED: "Cấp trên yêu cầu bổ sung",
  RESULT_ARRIVED: "Có kết quả chờ trả",
  COMPLETED: "Đã trả kết quả",
  RETURNED_INELIGIBLE: "Không đủ điều kiện",
  REJECTED: "Lãnh đạo từ chối",
  SUPPLEMENT_LAPSED: "Quá hạn bổ sung, đã trả lại",
  WITHDRAWN: "Công dân rút hồ sơ",
  DELETED: "Đã xóa",
};

/** Timeline statuses come in snake case (`in_progress`). */
export function statusName(status: string): string {
  return STATUS[status.toUpperCase()] ?? status;
}

export const SLA_STATE: Record<string, string> = {
  NOT_DUE: "Trong hạn",
  DUE_SOON: "Sắp đến hạn",
  LATE: "Trễ hạn",
  PAUSED: "Tạm dừng",
  EARLY: "Trước hạn",
  ON_TIME: "Đúng hạn",
};

export const ACTION: Record<string, string> = {
  create: "Thêm mới hồ sơ",
  receive: "Tiếp nhận",
  delete: "Xóa hồ sơ",
  update_fields: "Cập nhật hồ sơ",
  forward: "Chuyển tiếp",
  request_supplement: "Yêu cầu bổ sung",
  receive_supplement: "Tiếp nhận hồ sơ đã bổ sung",
  send_back: "Yêu cầu cấp dưới bổ sung",
  accept_rework: "Nhận lại để bổ sung",
  return_ineligible: "Hoàn trả hồ sơ",
  reject: "Từ chối",
  sign: "Ký số",
  issue: "Ký phát hành",
  return_result: "Trả kết quả",
  withdraw: "Công dân rút hồ sơ",
  reassign: "Chuyển cán bộ giữ hồ sơ",
  extend_appointment: "Xin lỗi và hẹn lại ngày trả",
  close_unsupplemented: "Trả lại do quá hạn bổ sung",
  copy: "Lập hồ sơ mới từ hồ sơ này",
};

export function actionName(action: string): string {
  return ACTION[action] ?? action;
}

export const DAY_KIND: Record<string, string> = {
  WORKING: "Ngày làm việc",
  MAKE_UP: "Ngày làm bù",
  WEEKLY_REST: "Nghỉ hằng tuần",
  HOLIDAY: "Nghỉ lễ, Tết",
  OBSERVED: "Nghỉ bù",
  DAY_OFF: "Ngày nghỉ",
};

export const LEVEL: Record<string, string> = {
  PROVINCE: "Cấp tỉnh",
  DISTRICT: "Cấp huyện",
  COMMUNE: "Cấp xã",
};
