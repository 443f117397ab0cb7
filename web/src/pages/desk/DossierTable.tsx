// A page of dossiers as a table: code (link to the dossier), applicant, procedure, step and
// its due instant with the SLA badge, appointment, last change.
import { Link } from "react-router-dom";
import { formatDateTime } from "../../lib/format";
import { SlaBadge, StatusBadge } from "../../app/ui";

export interface DossierRow {
  id: string;
  code: string;
  applicantName: string;
  procedure: { code: string; name: string };
  status: string;
  step?: { name: string } | null;
  stepDueAt?: string | null;
  stepSlaState?: string | null;
  dueAt?: string | null;
  holder?: { displayName: string } | null;
  updatedAt: string;
}

export function DossierTable({ rows, caption }: { rows: DossierRow[]; caption: string }) {
  if (rows.length === 0) return <p className="empty">Không có hồ sơ nào.</p>;
  return (
    <div className="table-wrap">
      <table className="dossiers">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Mã hồ sơ</th>
            <th scope="col">Người nộp</th>
            <th scope="col">Thủ tục</th>
            <th scope="col">Trạng thái / bước</th>
            <th scope="col">Hạn bước</th>
            <th scope="col">Hẹn trả</th>
            <th scope="col">Cập nhật</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={row.stepSlaState === "LATE" ? "late" : undefined}>
              <td>
                <Link to={`/ho-so/${encodeURIComponent(row.id)}`}>{row.code}</Link>
              </td>
              <td>{row.applicantName}</td>
              <td>{row.procedure.name || row.procedure.code}</td>
              <td>
                <StatusBadge status={row.status} />
                {row.step && <div className="sub">{row.step.name}</div>}
                {row.holder && <div className="sub">{row.holder.displayName}</div>}
              </td>
              <td>
                {row.stepDueAt ? formatDateTime(row.stepDueAt) : "—"} <SlaBadge state={row.stepSlaState} />
              </td>
              <td>{row.dueAt ? formatDateTime(row.dueAt) : "—"}</td>
              <td>{formatDateTime(row.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
