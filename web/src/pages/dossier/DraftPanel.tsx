// Dự thảo quyết định: the decision as the province's template fills it from this dossier now,
// opened as a PDF in a new tab, with the merge fields still missing (dotted in the draft).
import { useState } from "react";
import { useClient } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { ErrorNote } from "../../app/ui";
import type { DecisionDraftQuery } from "../../gql/graphql";
import { DecisionDraftDocument } from "./queries";

type Draft = DecisionDraftQuery["decisionDraft"];

export function DraftPanel({ dossierId }: { dossierId: string }) {
  const client = useClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function prepare() {
    setBusy(true);
    setError(null);
    const result = await client.query(DecisionDraftDocument, { dossierId }, { requestPolicy: "network-only" }).toPromise();
    setBusy(false);
    if (result.data) setDraft(result.data.decisionDraft);
    else setError(apiError(result.error));
  }

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">Dự thảo quyết định</h2>
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
