//! The merge fields of a decision: the issuing body and its place, the date line, the number,
//! the signer, the applicant and the application's fields, and the amount computed by the
//! procedure's rule (core's `allowance`) in figures and in words.

use std::collections::BTreeMap;

use ansinh_config::model::{Benefit, MoneyLevel};
use ansinh_core::allowance::{self, Coefficient};
use ansinh_core::money::Vnd;
use chrono::NaiveDate;

use crate::Unit;
use crate::dossier::DossierRecord;

/// What a decision is filled from besides the dossier.
pub(crate) struct Context<'a> {
    pub(crate) unit: &'a Unit,
    pub(crate) day: NaiveDate,
    pub(crate) signer: Option<String>,
    pub(crate) benefit: Option<Benefit>,
    pub(crate) national_levels: &'a [MoneyLevel],
    pub(crate) province_levels: &'a [MoneyLevel],
}

fn levels(levels: &[MoneyLevel]) -> Vec<(NaiveDate, Vnd)> {
    levels
        .iter()
        .map(|l| (l.valid_from, Vnd(l.monthly_vnd)))
        .collect()
}

/// An amount in figures as decisions write it (1.500.000).
fn figures(amount: Vnd) -> String {
    amount.to_string().trim_end_matches(" ₫").to_owned()
}

/// The fields of a decision on `record`.
pub(crate) fn decision_fields(
    record: &DossierRecord,
    context: &Context<'_>,
) -> BTreeMap<String, String> {
    // Dates are kept as ISO days; a decision writes them day/month/year.
    let mut fields: BTreeMap<String, String> = record
        .fields
        .expose()
        .iter()
        .map(
            |(name, value)| match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(day) => (name.clone(), day.format("%d/%m/%Y").to_string()),
                Err(_) => (name.clone(), value.clone()),
            },
        )
        .collect();
    let mut set = |name: &str, value: String| {
        fields.insert(name.to_owned(), value);
    };
    let unit = context.unit;
    let named = unit.in_sentence();
    set("ten_co_quan", unit.people_committee());
    set(
        "ten_co_quan_in_hoa",
        format!("ỦY BAN NHÂN DÂN {}", unit.full_name.to_uppercase()),
    );
    set("ten_don_vi", unit.full_name.clone());
    set("dia_danh", unit.name.clone());
    set("chuc_danh_nguoi_ky", "Chủ tịch".to_owned());
    set("chuc_danh_nguoi_ky_in_hoa", "CHỦ TỊCH".to_owned());
    set(
        "don_vi_de_nghi",
        format!("công chức văn hóa - xã hội {named}"),
    );
    set(
        "cac_ben_thi_hanh",
        format!(
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {named}, công chức văn hóa - xã hội"
        ),
    );
    set("ky_hieu_luu", "VHXH".to_owned());
    let [day, month, year] = ansinh_core::letter::date_parts(context.day);
    set("ngay", day);
    set("thang", month.clone());
    set("nam", year.clone());
    // Decree 20/2021 Art. 7(3): the allowance runs from the month the decision is signed.
    set("thang_bat_dau", format!("{month}/{year}"));
    set("ma_ho_so", record.code.clone());
    set("ho_ten", record.applicant_name.expose().clone());
    set("ho_ten_nguoi_nhan", record.applicant_name.expose().clone());
    if let Some(id_number) = &record.applicant_id_number {
        set("so_dinh_danh", id_number.expose().clone());
        set("so_dinh_danh_nguoi_nhan", id_number.expose().clone());
    }
    if let Some(address) = record.fields.expose().get("dia_chi") {
        set("noi_cu_tru", address.clone());
        set("noi_cu_tru_nguoi_nhan", address.clone());
    }
    if let Some(number) = &record.decision_number {
        set(
            "so_quyet_dinh",
            number.split('/').next().unwrap_or(number).to_owned(),
        );
    }
    if let Some(signer) = &context.signer {
        set("nguoi_ky", signer.clone());
    }
    amounts(&mut fields, record, context);
    fields
}

/// The standard level and the amount the procedure's rule gives, when it can be computed.
fn amounts(fields: &mut BTreeMap<String, String>, record: &DossierRecord, context: &Context<'_>) {
    let national = levels(context.national_levels);
    let province = levels(context.province_levels);
    let Some(standard) = allowance::standard_level(&national, &province, context.day) else {
        return;
    };
    fields.insert("muc_chuan".to_owned(), figures(standard));
    let amount = match context.benefit {
        Some(Benefit::BurialSupport) => Some(("so_tien", allowance::burial_support(standard))),
        Some(Benefit::MonthlyAllowance) => record
            .fields
            .expose()
            .get("he_so")
            .and_then(|text| Coefficient::parse(text).ok())
            .map(|coefficient| {
                fields.insert("he_so".to_owned(), coefficient.written());
                (
                    "so_tien_hang_thang",
                    allowance::monthly_allowance(standard, coefficient),
                )
            }),
        None => None,
    };
    if let Some((name, amount)) = amount {
        fields.insert(name.to_owned(), figures(amount));
        if let Ok(words) = amount.in_words() {
            fields.insert("so_tien_bang_chu".to_owned(), words);
        }
    }
}
