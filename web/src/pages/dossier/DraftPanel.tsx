// Dự thảo văn bản: the decision, or one of the desk's letters (receipt with the appointment,
// supplement request, refusal, apology for a late dossier), as the province's template fills it from this dossier now,
// opened as a PDF in a new tab, with the merge fields still missing (dotted in the draft).
import { useState } from "react";
import { useClient } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { ErrorNote } from "../../app/ui";
import type { DocumentDraftQuery, DocumentKind } from "../../gql/graphql";
import { DocumentDraftDocument } from "./queries";

type Draft = DocumentDraftQuery["documentDraft"];

const KINDS: [DocumentKind, string][] = [
  ["DECISION", "Quyết định"],
  ["RECEIPT", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"],
  ["SUPPLEMENT_REQUEST", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"],
  ["REFUSAL", "Phiếu từ chối giải quyết hồ sơ"],
  ["APOLOGY", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"],
];

export function DraftPanel({ dossierId }: { dossierId: string }) {
  const client = useClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<DocumentKind>("DECISION");

  async function prepare() {
    setBusy(true);
    setError(null);
    const result = await client
      .query(DocumentDraftDocument, { dossierId, kind }, { requestPolicy: "network-only" })
      .toPromise();
    setBusy(false);
    if (result.data) setDraft(result.data.documentDraft);
    else setError(apiError(result.error));
  }

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">Dự thảo văn bản</h2>
      <label>
        Loại văn bản{" "}
        <select
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as DocumentKind);
            setDraft(null);
          }}
        >
          {KINDS.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>{" "}
      <button type="button" onClick={() => void prepare()} disabled={busy}>
        {busy ? "Đang lập…" : draft ? "Lập lại dự thảo" : "Lập dự thảo"}
      </button>
      <ErrorNote error={error} />
      {draft && (
        <div className="draft" data-testid="draft">
          <p>
            <a href={draft.download.url} target="_blank" rel="noopener">
              {draft.templateName} (PDF, {draft.pages} trang)
            </a>
          </p>
          {draft.missingFields.length > 0 ? (
            <p className="hint">
              Còn thiếu (để trống trong dự thảo): {draft.missingFields.join(", ")}
            </p>
          ) : (
            <p className="hint">Đã điền đủ các trường của mẫu.</p>
          )}
        </div>
      )}
    </section>
  );
}
