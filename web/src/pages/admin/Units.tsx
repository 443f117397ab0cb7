// Danh mục hành chính: the province's units as a tree (today's by default, or as of a day),
// each with its history: the eras of its code and the merges into and out of it.
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { LEVEL } from "../../app/labels";
import { ErrorNote, Field } from "../../app/ui";
import { formatDay, parseDay } from "../../lib/format";

const RootsDocument = graphql(`
  query UnitRoots($asOf: NaiveDate) {
    units(level: PROVINCE, asOf: $asOf, first: 10) { nodes { id code fullName level } }
  }
`);
const ChildrenDocument = graphql(`
  query UnitChildren($id: ID!, $asOf: NaiveDate) {
    unit(id: $id) { id children(asOf: $asOf) { id code fullName level validFrom validTo } }
  }
`);
const HistoryDocument = graphql(`
  query UnitHistory($code: String!) {
    unitHistory(code: $code) {
      id fullName level validFrom validTo
      mergedInto { id fullName }
      mergedFrom { id fullName }
    }
  }
`);

export function UnitsPage() {
  const [day, setDay] = useState("");
  const asOf = day ? parseDay(day) : null;
  const [{ data, error }] = useQuery({ query: RootsDocument, variables: { asOf } });
  const [history, setHistory] = useState<string | null>(null);
  return (
    <section className="split">
      <div>
        <h1>Danh mục hành chính</h1>
        <Field label="Xem theo ngày" hint="để trống: hôm nay" problem={day && !asOf ? "ngày viết dd/MM/yyyy" : null}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} placeholder="dd/MM/yyyy" value={day} onChange={(e) => setDay(e.target.value)} />}
        </Field>
        <ErrorNote error={apiError(error)} />
        <ul className="tree" role="tree" aria-label="Đơn vị hành chính">
          {data?.units.nodes.map((u) => (
            <UnitNode key={u.id} unit={u} asOf={asOf} onHistory={setHistory} open />
          ))}
        </ul>
      </div>
      {history && <History code={history} />}
    </section>
  );
}

function UnitNode({
  unit,
  asOf,
  onHistory,
  open: initiallyOpen = false,
}: {
  unit: { id: string; code: string; fullName: string; level: string };
  asOf: string | null;
  onHistory: (code: string) => void;
  open?: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const [{ data }] = useQuery({ query: ChildrenDocument, variables: { id: unit.id, asOf }, pause: !open });
  const children = data?.unit.children ?? [];
  return (
    <li role="treeitem" aria-expanded={unit.level === "COMMUNE" ? undefined : open}>
      {unit.level !== "COMMUNE" && (
        <button type="button" className="small" onClick={() => setOpen(!open)} aria-label={open ? "Thu gọn" : "Mở rộng"}>
          {open ? "−" : "+"}
        </button>
      )}{" "}
      {unit.fullName} <span className="sub">{unit.code} · {LEVEL[unit.level]}</span>{" "}
      <button type="button" className="link small" onClick={() => onHistory(unit.code)}>
        lịch sử
      </button>
      {open && children.length > 0 && (
        <ul role="group">
          {children.map((child) => (
            <UnitNode key={child.id} unit={child} asOf={asOf} onHistory={onHistory} />
          ))}
        </ul>
      )}
    </li>
  );
}

function History({ code }: { code: string }) {
  const [{ data, error }] = useQuery({ query: HistoryDocument, variables: { code } });
  return (
    <aside className="card" aria-label={`Lịch sử mã ${code}`}>
      <h2>Lịch sử mã {code}</h2>
      <ErrorNote error={apiError(error)} />
      <ol>
        {data?.unitHistory.map((era) => (
          <li key={era.id}>
            <strong>{era.fullName}</strong> ({LEVEL[era.level]}) {era.validFrom ? `từ ${formatDay(era.validFrom)}` : "từ trước khi có dữ liệu"}
            {era.validTo && ` đến ${formatDay(era.validTo)}`}
            {era.mergedFrom.length > 0 && <div className="sub">Nhập từ: {era.mergedFrom.map((u) => u.fullName).join(", ")}</div>}
            {era.mergedInto.length > 0 && <div className="sub">Nhập vào: {era.mergedInto.map((u) => u.fullName).join(", ")}</div>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
