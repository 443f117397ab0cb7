//! Roles officers hold at a unit. The same names appear in workflows, assignments and policies.

use serde::{Deserialize, Serialize};

/// A position an account can hold at an administrative unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Công chức tiếp nhận (bộ phận một cửa) cấp xã.
    CommuneReception,
    /// Công chức văn hóa - xã hội / LĐTBXH cấp xã.
    CommuneSocial,
    /// Chủ tịch / Phó chủ tịch UBND cấp xã.
    CommuneLeader,
    /// Văn thư cấp xã.
    CommuneClerk,
    /// Chuyên viên phòng LĐTBXH cấp huyện (trước 01/7/2025).
    DistrictOfficer,
    /// Trưởng phòng LĐTBXH cấp huyện.
    DistrictHead,
    /// Lãnh đạo UBND cấp huyện.
    DistrictLeader,
    /// Văn thư cấp huyện.
    DistrictClerk,
    /// Quản trị cấp tỉnh.
    ProvinceAdmin,
    /// Người xem cấp tỉnh.
    ProvinceViewer,
    /// Chuyên viên phân tích cấp bộ (chỉ số liệu tổng hợp).
    MinistryAnalyst,
    /// Quản trị nền tảng.
    PlatformAdmin,
}

impl Role {
    /// Every role, in a stable order.
    pub const ALL: [Role; 12] = [
        Self::CommuneReception,
        Self::CommuneSocial,
        Self::CommuneLeader,
        Self::CommuneClerk,
        Self::DistrictOfficer,
        Self::DistrictHead,
        Self::DistrictLeader,
        Self::DistrictClerk,
        Self::ProvinceAdmin,
        Self::ProvinceViewer,
        Self::MinistryAnalyst,
        Self::PlatformAdmin,
    ];

    /// Stable snake_case name, as in configuration files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CommuneReception => "commune_reception",
            Self::CommuneSocial => "commune_social",
            Self::CommuneLeader => "commune_leader",
            Self::CommuneClerk => "commune_clerk",
            Self::DistrictOfficer => "district_officer",
            Self::DistrictHead => "district_head",
            Self::DistrictLeader => "district_leader",
            Self::DistrictClerk => "district_clerk",
            Self::ProvinceAdmin => "province_admin",
            Self::ProvinceViewer => "province_viewer",
            Self::MinistryAnalyst => "ministry_analyst",
            Self::PlatformAdmin => "platform_admin",
        }
    }

    /// The position's Vietnamese title, used in messages such as "no handler for …".
    pub fn title_vi(self) -> &'static str {
        match self {
            Self::CommuneReception => "công chức tiếp nhận cấp xã",
            Self::CommuneSocial => "công chức văn hóa - xã hội cấp xã",
            Self::CommuneLeader => "lãnh đạo UBND cấp xã",
            Self::CommuneClerk => "văn thư cấp xã",
            Self::DistrictOfficer => "chuyên viên cấp huyện",
            Self::DistrictHead => "trưởng phòng cấp huyện",
            Self::DistrictLeader => "lãnh đạo UBND cấp huyện",
            Self::DistrictClerk => "văn thư cấp huyện",
            Self::ProvinceAdmin => "quản trị cấp tỉnh",
            Self::ProvinceViewer => "người xem cấp tỉnh",
            Self::MinistryAnalyst => "chuyên viên cấp bộ",
            Self::PlatformAdmin => "quản trị nền tảng",
        }
    }
}
