// Xem thời gian xử lý: when work received at an office now (or at a chosen instant) is due
// with a given budget, explained day by day by the office's working calendar.
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { DAY_KIND } from "../../app/labels";
import { ErrorNote, Field } from "../../app/ui";
import { formatDateTime, formatDay } from "../../lib/format";

const OfficesDocument = graphql(`
  query Offices { offices { code name } }
`);

const PreviewDueDocument = graphql(`
  query PreviewDue($office: String!, $start: DateTime!, $budget: String!) {
    previewDue(office: $office, start: $start, budget: $budget) {
      receivedAt effectiveStart due warnAt countsWholeDays
      explanation { date kind reason counted countedMinutes notes }
    }
  }
`);

export function CalendarPage() {
  const [{ data: offices }] = useQuery({ query: OfficesDocument });
  const [office, setOffice] = useState("");
  const [budget, setBudget] = useState("3d");
  const [asked, setAsked] = useState<{ office: string; budget: string; start: string } | null>(null);
  const [result] = useQuery({ query: PreviewDueDocument, variables: asked ?? { office: "", start: "", budget: "" }, pause: !asked });
  const chosen = office || offices?.offices[0]?.code || "";

  function submit(event: FormEvent) {
    event.preventDefault();
    setAsked({ office: chosen, budget: budget.trim(), start: new Date().toISOString() });
  }

  const preview = result.data?.previewDue;
  return (
    <section>
      <h1>Lịch làm việc và thời hạn</h1>
      <form className="filters" onSubmit={submit} aria-label="Tính thời hạn">
        <Field label="Bộ phận tiếp nhận">
          {(id) => (
            <select id={id} value={chosen} onChange={(e) => setOffice(e.target.value)}>
              {offices?.offices.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Thời gian cho phép" hint="3d: 3 ngày làm việc; 4h: 4 giờ làm việc; 1d4h">
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={budget} onChange={(e) => setBudget(e.target.value)} />}
        </Field>
        <button type="submit">Tính hạn nếu tiếp nhận bây giờ</button>
      </form>
      <ErrorNote error={apiError(result.error)} />
      {preview && (
        <>
          <p className="notice" role="status">
            Tiếp nhận {formatDateTime(preview.receivedAt)} → hạn <strong>{preview.due ? formatDateTime(preview.due) : "—"}</strong>
            {preview.effectiveStart && ` (bắt đầu tính từ ${formatDateTime(preview.effectiveStart)})`}
          </p>
          <ol className="explanation">
            {preview.explanation.map((day) => (
              <li key={day.date}>
                <strong>{formatDay(day.date)}</strong> — {DAY_KIND[day.kind] ?? day.kind}
                {day.reason && ` (${day.reason})`}
                {day.counted.length > 0 && `: tính ${day.counted.join(", ")}`}
                {day.notes.length > 0 && ` — ${day.notes.join("; ")}`}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
