// The six folders of the commune desk, with the names officers know from DVC BTXH.
import type { DossierFolder } from "../../gql/graphql";

export interface Folder {
  folder: DossierFolder;
  slug: string;
  name: string;
  count: (counts: QueueCountsLike) => number;
}

export interface QueueCountsLike {
  toReceive: number;
  inProgress: number;
  supplement: number;
  resultArrived: number;
  notReturned: number;
  ineligibleOrRejected: number;
}

export const FOLDERS: Folder[] = [
  { folder: "TO_RECEIVE", slug: "cho-tiep-nhan", name: "Hồ sơ chờ tiếp nhận", count: (c) => c.toReceive },
  { folder: "IN_PROGRESS", slug: "dang-xu-ly", name: "Hồ sơ đã tiếp nhận và đang xử lý", count: (c) => c.inProgress },
  { folder: "SUPPLEMENT", slug: "bo-sung", name: "Hồ sơ yêu cầu bổ sung / đang bổ sung", count: (c) => c.supplement },
  { folder: "RESULT_ARRIVED", slug: "co-ket-qua", name: "Hồ sơ có kết quả chờ trả", count: (c) => c.resultArrived },
  { folder: "NOT_RETURNED", slug: "chua-tra-ket-qua", name: "Hồ sơ đã tiếp nhận chưa trả kết quả", count: (c) => c.notReturned },
  {
    folder: "INELIGIBLE_OR_REJECTED",
    slug: "khong-du-dieu-kien",
    name: "Hồ sơ không đủ điều kiện / lãnh đạo từ chối",
    count: (c) => c.ineligibleOrRejected,
  },
];

export function folderBySlug(slug: string | null): Folder {
  return FOLDERS.find((f) => f.slug === slug) ?? FOLDERS[1]!;
}
