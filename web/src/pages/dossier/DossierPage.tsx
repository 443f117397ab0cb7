// One dossier (Xem chi tiết): who holds it now and at which step, the applicant and the
// application, the step's and the appointment's SLA with the day-by-day explanation, the
// timeline (Tiến độ xử lý hồ sơ), and the caller's next actions.
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useClient, useQuery, useSubscription } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { actionName } from "../../app/labels";
import { Confirm, ErrorNote, SlaBadge, StatusBadge } from "../../app/ui";
import { NotFound } from "../../app/NotFound";
import { formatDateTime } from "../../lib/format";
import { Actions } from "./Actions";
import { ApplicantEditor } from "./ApplicantEditor";
import { Components } from "./Components";
import { DraftPanel } from "./DraftPanel";
import { CopyDocument, DossierChangedDocument, DossierDocument } from "./queries";
import { SignedDocuments } from "./SignedDocuments";
import { SlaPanel } from "./SlaPanel";
import { Timeline } from "./Timeline";

const COPYABLE = new Set(["REJECTED", "RETURNED_INELIGIBLE", "SUPPLEMENT_LAPSED", "WITHDRAWN"]);

export function DossierPage() {
  const { id = "" } = useParams();
  const [result, refetch] = useQuery({ query: DossierDocument, variables: { id }, requestPolicy: "cache-and-network" });
  const [notice, setNotice] = useState<string | null>(null);
  // Someone else moved it (or signed, returned it): show the dossier as it is now.
  const [live] = useSubscription({ query: DossierChangedDocument, variables: { id } });
  const changed = live.data?.dossierChanged;
  useEffect(() => {
    if (changed) refetch({ requestPolicy: "network-only" });
  }, [changed, refetch]);
  const error = apiError(result.error);
  if (error?.code === "NOT_FOUND") return <NotFound />;
  const dossier = result.data?.dossier;
  if (!dossier) return result.fetching ? <p className="loading">Đang tải…</p> : <ErrorNote error={error} />;

  const done = (action: string) => {
    setNotice(`Đã ${actionName(action).toLowerCase()} hồ sơ ${dossier.code}.`);
    refetch({ requestPolicy: "network-only" });
  };
  const canEdit = dossier.nextActions.some((a) => a.action === "update_fields");

  return (
    <article className="dossier">
      <header className="heading">
        <div>
          <h1>
            Hồ sơ <span className="code">{dossier.code}</span> <StatusBadge status={dossier.status} />
          </h1>
          <p className="sub">
            {dossier.procedure.name || dossier.procedure.code} · {dossier.unit.fullName}
            {dossier.decisionNumber && <> · Quyết định số {dossier.decisionNumber}</>}
          </p>
        </div>
        {COPYABLE.has(dossier.status) && <CopyButton id={dossier.id} code={dossier.code} />}
      </header>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {dossier.nextActions.some((a) => a.action === "extend_appointment") && (
        <p className="warning" role="alert" data-testid="apology-due">
          {dossier.sla?.overall?.status === "LATE" ? "Hồ sơ đã quá hẹn trả kết quả" : "Hồ sơ đến hẹn trả kết quả trong ngày làm việc này"}
          {dossier.dueAt && <> ({formatDateTime(dossier.dueAt)})</>}. Theo quy định một cửa, hãy lập Phiếu xin lỗi và hẹn
          lại ngày trả kết quả: bấm «{actionName("extend_appointment")}», ghi lý do và ngày hẹn mới.
        </p>
      )}
      {dossier.supplementLapseAt && (
        <p className="hint" data-testid="supplement-wait">
          Đang chờ công dân bổ sung: nhắc công dân lúc {dossier.supplementRemindAt ? formatDateTime(dossier.supplementRemindAt) : "—"};
          nếu chưa bổ sung, hệ thống tự trả lại hồ sơ lúc {formatDateTime(dossier.supplementLapseAt)}.
        </p>
      )}
      <section className="holder" aria-label="Đang xử lý">
        <dl>
          <dt>Bước hiện tại</dt>
          <dd data-testid="step">{dossier.step?.name ?? "—"}</dd>
          <dt>Cán bộ đang giữ hồ sơ</dt>
          <dd data-testid="holder">{dossier.holder?.displayName ?? "—"}</dd>
          <dt>Hạn bước</dt>
          <dd>
            {dossier.stepDueAt ? formatDateTime(dossier.stepDueAt) : "—"} <SlaBadge state={dossier.stepSlaState} />
          </dd>
          <dt>Hẹn trả kết quả</dt>
          <dd>{dossier.dueAt ? formatDateTime(dossier.dueAt) : "—"}</dd>
          {dossier.resultLookupCode && (
            <>
              <dt>Mã tra cứu kết quả</dt>
              <dd data-testid="lookup-code">
                <code>{dossier.resultLookupCode}</code> <span className="hint">(in trên giấy tiếp nhận; công dân dùng để tải kết quả)</span>
              </dd>
            </>
          )}
          <dt>Tiếp nhận lúc</dt>
          <dd>{dossier.receivedAt ? formatDateTime(dossier.receivedAt) : "Chưa tiếp nhận"}</dd>
        </dl>
      </section>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Xử lý hồ sơ</h2>
        <Actions dossierId={dossier.id} code={dossier.code} actions={dossier.nextActions} onDone={done} />
      </section>
      <section aria-labelledby="applicant-title">
        <h2 id="applicant-title">Người nộp và thông tin hồ sơ</h2>
        {canEdit ? (
          <ApplicantEditor dossier={dossier} onSaved={() => done("update_fields")} />
        ) : (
          <dl className="applicant">
            <dt>Họ và tên</dt>
            <dd>{dossier.applicantName}</dd>
            <dt>Số định danh</dt>
            <dd>{dossier.applicantIdNumber ?? (dossier.personalDataWithheld ? "(không hiển thị)" : "—")}</dd>
            {dossier.fields.map((f) => (
              <div key={f.name} className="pair">
                <dt>{f.name}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {dossier.personalDataWithheld && (
          <p className="hint">Vai trò của bạn không được xem thông tin cá nhân của người nộp tại đơn vị này.</p>
        )}
        {dossier.sourceDossierId && (
          <p>
            Lập từ hồ sơ <Link to={`/ho-so/${encodeURIComponent(dossier.sourceDossierId)}`}>trước đó</Link>.
          </p>
        )}
      </section>
      <Components
        dossier={dossier}
        editable={dossier.nextActions.length > 0}
        onChanged={() => refetch({ requestPolicy: "network-only" })}
      />
      <SignedDocuments
        dossierId={dossier.id}
        documents={dossier.documents}
        onChanged={() => refetch({ requestPolicy: "network-only" })}
      />
      {!dossier.personalDataWithheld && <DraftPanel dossierId={dossier.id} />}
      {dossier.sla && <SlaPanel sla={dossier.sla} />}
      <Timeline entries={dossier.timeline} />
    </article>
  );
}

function CopyButton({ id, code }: { id: string; code: string }) {
  const client = useClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function copy() {
    setBusy(true);
    const result = await client.mutation(CopyDocument, { id }).toPromise();
    setBusy(false);
    setOpen(false);
    if (result.data) navigate(`/ho-so/${encodeURIComponent(result.data.copyDossier.id)}`);
    else setError(apiError(result.error));
  }
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        {actionName("copy")}
      </button>
      <ErrorNote error={error} />
      <Confirm
        open={open}
        busy={busy}
        question={`Bạn chắc chắn muốn lập hồ sơ mới từ hồ sơ ${code}?`}
        onConfirm={() => void copy()}
        onCancel={() => setOpen(false)}
      />
    </div>
  );
}
