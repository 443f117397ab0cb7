// The dossier's clocks: each step visit and the whole dossier, with why the appointment is
// what it is, day by day (sessions counted, days off, pauses for the citizen).
import { DAY_KIND, SLA_STATE } from "../../app/labels";
import { formatDateTime, formatDay } from "../../lib/format";

interface Clock {
  step?: string | null;
  budget: string;
  startedAt?: string | null;
  dueAt?: string | null;
  finishedAt?: string | null;
  paused: boolean;
  status: string;
}

interface Overall extends Clock {
  warnAt?: string | null;
  explanation: { date: string; kind: string; reason?: string | null; counted: string[]; countedMinutes: number; notes: string[] }[];
}

const at = (instant?: string | null) => (instant ? formatDateTime(instant) : "—");

export function SlaPanel({ sla }: { sla: { overall?: Overall | null; steps: Clock[] } }) {
  const overall = sla.overall;
  return (
    <section aria-labelledby="sla-title">
      <h2 id="sla-title">Thời hạn xử lý</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Bước</th>
              <th scope="col">Thời gian cho phép</th>
              <th scope="col">Bắt đầu tính</th>
              <th scope="col">Hạn</th>
              <th scope="col">Kết thúc</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {sla.steps.map((clock, index) => (
              <tr key={index}>
                <td>{clock.step}</td>
                <td>{clock.budget}</td>
                <td>{at(clock.startedAt)}</td>
                <td>{clock.paused ? "Tạm dừng" : at(clock.dueAt)}</td>
                <td>{at(clock.finishedAt)}</td>
                <td>{SLA_STATE[clock.status] ?? clock.status}</td>
              </tr>
            ))}
            {overall && (
              <tr className="total">
                <td>Cả hồ sơ</td>
                <td>{overall.budget}</td>
                <td>{at(overall.startedAt)}</td>
                <td>{overall.paused ? "Tạm dừng" : at(overall.dueAt)}</td>
                <td>{at(overall.finishedAt)}</td>
                <td>{SLA_STATE[overall.status] ?? overall.status}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {overall && overall.explanation.length > 0 && (
        <details>
          <summary>Vì sao hẹn trả vào {at(overall.dueAt)}: diễn giải từng ngày</summary>
          <ol className="explanation">
            {overall.explanation.map((day) => (
              <li key={day.date}>
                <strong>{formatDay(day.date)}</strong> — {DAY_KIND[day.kind] ?? day.kind}
                {day.reason && ` (${day.reason})`}
                {day.counted.length > 0 && `: tính ${day.counted.join(", ")} (${day.countedMinutes} phút)`}
                {day.notes.length > 0 && ` — ${day.notes.join("; ")}`}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
