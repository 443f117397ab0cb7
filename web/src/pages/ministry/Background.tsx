// Công việc nền (platform administrators): for one province, each scheduled job's last and
// next run and its recent failures, the changes not yet turned into messages, the messages
// waiting, delivered and given up, and the given-up ones with a button that sends them again.
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { graphql } from "../../gql";
import type { JobName } from "../../gql/graphql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { ErrorNote, Field } from "../../app/ui";
import { formatDateTime } from "../../lib/format";

const BackgroundDocument = graphql(`
  query Background($tenant: String!) {
    tenants { code fullName kind }
    backgroundStatus(tenant: $tenant) {
      tenant outboxDepth outboxOldest pendingMessages deadMessages sentMessages oldestPending
      jobs { job schedule recentFailures nextRun lastRun { tick worker startedAt finishedAt outcome detail } }
    }
    outgoingMessages(tenant: $tenant, status: DEAD, first: 50) {
      id kind recipientHint subject attempts lastError nextAttemptAt dossierId
    }
  }
`);

const RetryMessageDocument = graphql(`
  mutation RetryMessage($tenant: String!, $id: ID!) {
    retryMessage(tenant: $tenant, id: $id)
  }
`);

const JOB_NAMES: Record<JobName, string> = {
  SLA_WARNINGS: "Cảnh báo sắp đến hạn, quá hạn",
  LATE_DIGEST: "Tổng hợp hồ sơ quá hạn hằng ngày",
  SUPPLEMENT_WAIT: "Nhắc bổ sung, trả lại hồ sơ quá hạn bổ sung",
};

const OUTCOMES: Record<string, string> = { done: "Xong", failed: "Lỗi", cancelled: "Dừng giữa chừng" };

const when = (instant: string | null | undefined) => (instant ? formatDateTime(instant) : "—");

export function BackgroundPage() {
  const client = useClient();
  const [tenant, setTenant] = useState("04");
  const [result, refetch] = useQuery({ query: BackgroundDocument, variables: { tenant } });
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const status = result.data?.backgroundStatus;
  const provinces = (result.data?.tenants ?? []).filter((t) => t.kind === "PROVINCE");

  async function retry(id: string) {
    const answer = await client.mutation(RetryMessageDocument, { tenant, id }).toPromise();
    setError(apiError(answer.error));
    if (!answer.error) {
      setNotice("Đã đưa thư trở lại hàng đợi gửi.");
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <section>
      <h1>Công việc nền</h1>
      <Field label="Tỉnh, thành phố">
        {(id) => (
          <select id={id} value={tenant} onChange={(e) => setTenant(e.target.value)}>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} — {p.fullName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNote error={error ?? apiError(result.error)} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {status && (
        <>
          <h2>Lịch chạy</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Công việc</th>
                  <th scope="col">Lịch (giờ Việt Nam)</th>
                  <th scope="col">Lần chạy gần nhất</th>
                  <th scope="col">Kết quả</th>
                  <th scope="col">Lỗi gần đây</th>
                  <th scope="col">Lần chạy tới</th>
                </tr>
              </thead>
              <tbody>
                {status.jobs.map((job) => (
                  <tr key={job.job}>
                    <td>{JOB_NAMES[job.job]}</td>
                    <td>
                      <code>{job.schedule}</code>
                    </td>
                    <td>{when(job.lastRun?.tick)}</td>
                    <td>
                      {job.lastRun ? (OUTCOMES[job.lastRun.outcome ?? ""] ?? "Đang chạy") : "—"}
                      {job.lastRun?.detail && <div className="sub">{job.lastRun.detail}</div>}
                    </td>
                    <td data-testid={`failures-${job.job}`}>{job.recentFailures}</td>
                    <td>{when(job.nextRun)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Hàng đợi</h2>
          <dl>
            <dt>Thay đổi chưa xử lý</dt>
            <dd data-testid="outbox-depth">
              {status.outboxDepth} {status.outboxOldest && <span className="sub">(cũ nhất {when(status.outboxOldest)})</span>}
            </dd>
            <dt>Thư chờ gửi</dt>
            <dd data-testid="pending">
              {status.pendingMessages} {status.oldestPending && <span className="sub">(cũ nhất {when(status.oldestPending)})</span>}
            </dd>
            <dt>Thư đã gửi</dt>
            <dd data-testid="sent">{status.sentMessages}</dd>
            <dt>Thư ngừng gửi</dt>
            <dd data-testid="dead">{status.deadMessages}</dd>
          </dl>
          <h2>Thư ngừng gửi sau lần thử cuối</h2>
          {result.data?.outgoingMessages.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Tiêu đề</th>
                    <th scope="col">Người nhận</th>
                    <th scope="col">Số lần thử</th>
                    <th scope="col">Lỗi cuối</th>
                    <th scope="col">Thao tác</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.outgoingMessages.map((m) => (
                    <tr key={m.id}>
                      <td>{m.subject}</td>
                      <td>{m.recipientHint}</td>
                      <td>{m.attempts}</td>
                      <td className="sub">{m.lastError}</td>
                      <td>
                        <button type="button" onClick={() => void retry(m.id)}>
                          Gửi lại
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="sub">Không có thư nào ngừng gửi.</p>
          )}
        </>
      )}
    </section>
  );
}
