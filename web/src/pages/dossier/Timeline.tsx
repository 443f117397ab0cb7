// Tiến độ xử lý hồ sơ: every action, who did it (and for whom, when a deputy acted), when,
// the status and step it led to, the handler it went to, notes and reasons.
import { actionName, statusName } from "../../app/labels";
import { formatDateTime, formatDay } from "../../lib/format";

export interface Entry {
  version: number;
  action: string;
  actorName?: string | null;
  actingForName?: string | null;
  at: string;
  status: string;
  step?: string | null;
  note: string;
  reason?: string | null;
  missing: string[];
  handlerName?: string | null;
  decisionNumber?: string | null;
  handover?: string | null;
  changes: { name: string; from?: string | null; to?: string | null }[];
  newAppointment?: string | null;
  previousAppointment?: string | null;
  waitedDays?: number | null;
}

const HANDOVERS: Record<string, string> = {
  electronic: "Trả bản điện tử (quyết định đã ký số)",
  in_person: "Trả trực tiếp tại Bộ phận một cửa",
  post: "Trả qua dịch vụ bưu chính công ích",
};

export function Timeline({ entries }: { entries: Entry[] }) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Tiến độ xử lý hồ sơ</h2>
      <div className="table-wrap">
        <table className="timeline">
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Cán bộ</th>
              <th scope="col">Thao tác</th>
              <th scope="col">Chuyển đến</th>
              <th scope="col">Trạng thái sau</th>
              <th scope="col">Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.version}>
                <td>{formatDateTime(entry.at)}</td>
                <td>
                  {entry.actorName ?? "—"}
                  {entry.actingForName && <div className="sub">thay cho {entry.actingForName}</div>}
                </td>
                <td>{actionName(entry.action)}</td>
                <td>
                  {entry.handlerName ?? ""}
                  {entry.step && <div className="sub">bước {entry.step}</div>}
                </td>
                <td>{statusName(entry.status)}</td>
                <td>
                  {entry.decisionNumber && <div>Quyết định số {entry.decisionNumber}</div>}
                  {entry.handover && <div>{HANDOVERS[entry.handover] ?? entry.handover}</div>}
                  {entry.newAppointment && (
                    <div>
                      Hẹn lại ngày trả: {formatDay(entry.newAppointment)}
                      {entry.previousAppointment && <> (thay cho {formatDateTime(entry.previousAppointment)})</>}
                    </div>
                  )}
                  {entry.waitedDays != null && <div>Đã chờ bổ sung {entry.waitedDays} ngày làm việc</div>}
                  {entry.reason && <div>Lý do: {entry.reason}</div>}
                  {entry.missing.length > 0 && <div>Cần bổ sung: {entry.missing.join("; ")}</div>}
                  {entry.changes.map((c) => (
                    <div key={c.name} className="sub">
                      {c.name}: {c.from ?? "∅"} → {c.to ?? "∅"}
                    </div>
                  ))}
                  {entry.note}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
