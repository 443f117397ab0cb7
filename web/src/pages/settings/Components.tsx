// Thành phần hồ sơ of one procedure: what the citizen hands in, whether every dossier needs it
// or in which case, the file types accepted, and what the province adds to the national list.
const KIND: Record<string, string> = { PDF: "PDF", JPEG: "JPEG", PNG: "PNG" };

export interface ComponentRow {
  code: string;
  name: string;
  required: boolean;
  when?: string | null;
  accepts: string[];
  addedByProvince: boolean;
}

export function ComponentsTable({ procedure, rows }: { procedure: string; rows: ComponentRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>Thành phần hồ sơ ({procedure})</caption>
        <thead>
          <tr>
            <th scope="col">Thành phần</th>
            <th scope="col">Khi nào cần</th>
            <th scope="col">Loại tệp</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <td>
                {row.name}
                {row.addedByProvince && <div className="sub">tỉnh bổ sung</div>}
              </td>
              <td>{row.required ? "Bắt buộc" : `Theo trường hợp: ${row.when ?? "—"}`}</td>
              <td>{row.accepts.map((kind) => KIND[kind] ?? kind).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
