//! The benchmarks' million dossiers: loaded straight into PostgreSQL, tenant by tenant inside
//! each tenant's row-level security scope, as the application would write them.

use std::time::Instant;

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

/// Dossiers loaded: a million, or `ANSINH_BENCH_DOSSIERS` (for a quick trial of a benchmark).
pub(crate) fn total() -> usize {
    std::env::var("ANSINH_BENCH_DOSSIERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000)
}

/// Runs one SQL text.
pub(crate) async fn run(db: &impl ConnectionTrait, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"));
}

async fn rows(db: &impl ConnectionTrait, sql: &str) -> Vec<Vec<String>> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|row| {
            (0..3)
                .filter_map(|i| row.try_get_by_index::<String>(i).ok())
                .collect()
        })
        .collect()
}

/// Inserts dossiers evenly at every commune of the demo provinces: six in ten completed, one in
/// ten each in progress at reception, waiting for a supplement, with the result back, rejected;
/// received over the past 300 days. Each tenant's rows are written inside its own row-level
/// security scope, as the application would.
pub(crate) async fn load(db: &DatabaseConnection) {
    let started = Instant::now();
    let total = total();
    let mut communes = Vec::new();
    for tenant in ["04", "12"] {
        let txn = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        run(
            &txn,
            &format!("SELECT set_config('ansinh.tenant', '{tenant}', true)"),
        )
        .await;
        communes.extend(
            rows(
                &txn,
                "SELECT g.tenant_id, g.unit_id, g.account_id FROM role_grants g
                 JOIN admin_units u ON u.tenant_id = g.tenant_id AND u.id = g.unit_id
                 WHERE g.role = 'commune_reception' AND u.valid_to IS NULL ORDER BY g.unit_id",
            )
            .await,
        );
        txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(!communes.is_empty(), "no commune reception officers found");
    let per_commune = total / communes.len();
    for (c, commune) in communes.iter().enumerate() {
        let [tenant, unit, holder] = [&commune[0], &commune[1], &commune[2]];
        let code = unit.split('@').next().unwrap_or_default();
        let count = if c == 0 {
            total - per_commune * (communes.len() - 1)
        } else {
            per_commune
        };
        let txn = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        run(
            &txn,
            &format!("SELECT set_config('ansinh.tenant', '{tenant}', true)"),
        )
        .await;
        run(
            &txn,
            &format!(
                "INSERT INTO dossiers (tenant_id, id, code, procedure_code, workflow_code, config_version,
                   unit_id, agency, status, step, holder, created_by, version, applicant_name,
                   applicant_name_folded, applicant_id_number, created_at, updated_at, received_by,
                   received_at, step_started_at, step_warn_at, step_due_at, due_at, fields)
                 SELECT '{tenant}', 'bench-{code}-' || g, '{tenant}.{code}-B-' || lpad(g::text, 7, '0'),
                   '2.000286', 'tro-cap-hang-thang-2-cap',
                   (SELECT max(version) FROM config_versions WHERE tenant_id = '{tenant}'),
                   '{unit}', '{tenant}.{code}',
                   (ARRAY['completed','completed','completed','completed','completed','completed',
                          'in_progress','awaiting_supplement','result_arrived','rejected'])[g % 10 + 1],
                   CASE WHEN g % 10 IN (6, 7, 8) THEN 'tiep-nhan' END,
                   CASE WHEN g % 10 IN (6, 7, 8) THEN '{holder}' END,
                   '{holder}', 1, 'Người nộp ' || g, 'nguoi nop ' || g, lpad(g::text, 12, '0'),
                   now() - (g % 300) * interval '1 day', now() - (g % 300) * interval '1 day',
                   '{holder}', now() - (g % 300) * interval '1 day',
                   now() - (g % 300) * interval '1 day', now() - (g % 300) * interval '1 day' + interval '2 hours',
                   now() - (g % 300) * interval '1 day' + interval '4 hours',
                   now() - (g % 300) * interval '1 day' + interval '14 days', '{{}}'
                 FROM generate_series(1, {count}) AS g"
            ),
        )
        .await;
        run(
            &txn,
            &format!(
                "INSERT INTO dossier_events (tenant_id, dossier_id, version, action, actor, at,
                   from_status, to_status, to_step, note, prev_hash, hash)
                 SELECT '{tenant}', 'bench-{code}-' || g, v,
                   CASE v WHEN 0 THEN 'create' ELSE 'receive' END, '{holder}',
                   now() - (g % 300) * interval '1 day',
                   CASE v WHEN 0 THEN 'draft' ELSE 'draft' END,
                   CASE v WHEN 0 THEN 'draft' ELSE 'in_progress' END,
                   CASE v WHEN 0 THEN NULL ELSE 'tiep-nhan' END, '',
                   CASE v WHEN 0 THEN '' ELSE 'h0-' || g END, 'h' || v || '-' || g
                 FROM generate_series(1, {count}) AS g, generate_series(0, 1) AS v"
            ),
        )
        .await;
        txn.commit().await.unwrap_or_else(|e| panic!("{e}"));
    }
    run(db, "ANALYZE dossiers").await;
    run(db, "ANALYZE dossier_events").await;
    eprintln!(
        "loaded {total} dossiers ({} communes, {per_commune} each) with 2 events each in {:.0?}",
        communes.len(),
        started.elapsed()
    );
}
