// Văn bản đã ký: the decision's revisions as the leader signed it and the clerk issued it, each
// with its signatures (who, which organisation, when; the seal marked), its SHA-256 to check a
// copy against, and its PDF; and the authorities' certificates a viewer needs to trust the
// signatures (Adobe Reader, Foxit, pyHanko).
import { type FormEvent, useState } from "react";
import { useClient, useQuery } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { isClerk, useMe } from "../../app/me";
import { ErrorNote, Field } from "../../app/ui";
import type { DossierQuery } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import { ReissueDocument, SigningAuthoritiesDocument } from "./queries";

type SignedDocument = NonNullable<DossierQuery["dossier"]>["documents"][number];

const STAGES: Record<string, string> = {
  SIGNED: "Lãnh đạo đã ký duyệt",
  ISSUED: "Đã phát hành (số, ngày, con dấu)",
  PREPARED: "Đang chờ ký",
};

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function SignedDocuments({
  dossierId,
  documents,
  onChanged,
}: {
  dossierId: string;
  documents: SignedDocument[];
  onChanged: () => void;
}) {
  const me = useMe();
  const [authorities] = useQuery({ query: SigningAuthoritiesDocument, pause: documents.length === 0 });
  const issued = documents.some((d) => d.stage === "ISSUED");
  if (documents.length === 0) return null;
  const pem = authorities.data?.signingAuthorities.join("") ?? "";
  return (
    <section aria-labelledby="signed-title">
      <h2 id="signed-title">Văn bản đã ký số</h2>
      <ol className="signed" data-testid="signed-documents">
        {documents.map((doc) => (
          <li key={doc.id} data-stage={doc.stage}>
            <p>
              <strong>
                Lần {doc.revision}: {STAGES[doc.stage] ?? doc.stage}
              </strong>{" "}
              · {formatDateTime(doc.createdAt)} ·{" "}
              <a href={doc.download.url} target="_blank" rel="noopener">
                Tải tệp PDF ({sizeText(doc.sizeBytes)})
              </a>
            </p>
            <ul>
              {doc.signatures.map((s) => (
                <li key={s.field}>
                  {s.seal ? "Con dấu" : "Chữ ký"}: {s.signer}
                  {s.organization && s.organization !== s.signer ? ` (${s.organization})` : ""} — ký lúc{" "}
                  {formatDateTime(s.signedAt)}
                </li>
              ))}
            </ul>
            {doc.reason && <p>Lý do phát hành lại: {doc.reason}</p>}
            <p className="hint">
              Mã băm SHA-256: <code>{doc.sha256}</code>
            </p>
          </li>
        ))}
      </ol>
      {issued && isClerk(me) && <Reissue dossierId={dossierId} onDone={onChanged} />}
      {pem && (
        <p className="hint">
          Để phần mềm đọc PDF công nhận chữ ký, hãy tin cậy{" "}
          <a href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(pem)}`} download="chung-thu-goc.pem">
            chứng thư gốc của tổ chức cấp chứng thư số
          </a>
          .
        </p>
      )}
    </section>
  );
}

/** Phát hành lại: the seal signed again as a new revision, with the reason. */
function Reissue({ dossierId, onDone }: { dossierId: string; onDone: () => void }) {
  const client = useClient();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await client.mutation(ReissueDocument, { id: dossierId, reason }).toPromise();
    setBusy(false);
    if (result.error) setError(apiError(result.error));
    else {
      setReason("");
      setError(null);
      onDone();
    }
  }
  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} aria-label="Phát hành lại">
      <Field label="Lý do phát hành lại" hint="Bản đã phát hành vẫn được giữ nguyên; bản mới có thêm chữ ký số của cơ quan">
        {(id, describedBy) => (
          <input id={id} aria-describedby={describedBy} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        Phát hành lại
      </button>
    </form>
  );
}
