// Thành phần hồ sơ of one dossier: the procedure's checklist with what was handed in for each
// component (files with a preview, paper-only notes with their reason, reused documents), and,
// for the officer holding the dossier, scanning in (upload), "chỉ có bản giấy", reuse of a
// document the citizen handed in before (kho dữ liệu), and removal of a wrong file.
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { upload } from "../../api/upload";
import { ErrorNote } from "../../app/ui";
import type { AttachFilesMutation, DossierQuery, UploadKind } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";
import {
  AttachFilesDocument,
  KeepOnPaperDocument,
  RemoveAttachmentDocument,
  ReusableDocumentsDocument,
  ReuseDocumentDocument,
} from "./queries";

type Dossier = NonNullable<DossierQuery["dossier"]>;
type Attachment = Dossier["attachments"][number];
type Component = Dossier["procedure"]["components"][number];

const PROVENANCE: Record<string, string> = {
  SCANNED: "Quét từ bản giấy",
  ELECTRONIC: "Bản điện tử",
  ELECTRONIC_SIGNED: "Bản điện tử có chữ ký số",
  REUSED: "Dùng lại từ kho dữ liệu",
  PAPER: "Chỉ có bản giấy",
};
const MEDIA: Record<string, string> = { PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png" };

function size(bytes: number | null | undefined): string {
  if (bytes == null) return "";
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

export function Components({ dossier, editable, onChanged }: { dossier: Dossier; editable: boolean; onChanged: () => void }) {
  const components = dossier.procedure.components;
  if (components.length === 0) return null;
  const handedIn = (code: string) => dossier.attachments.filter((a) => a.component === code);
  const missing = components.filter((c) => c.required && handedIn(c.code).length === 0).length;
  return (
    <section aria-labelledby="components-title" className="components">
      <h2 id="components-title">Thành phần hồ sơ</h2>
      <p className="sub" data-testid="components-summary">
        {missing === 0 ? "Đủ thành phần bắt buộc." : `Còn thiếu ${missing} thành phần bắt buộc.`}
      </p>
      <ul className="checklist">
        {components.map((component) => (
          <ComponentRow
            key={component.code}
            dossierId={dossier.id}
            component={component}
            attachments={handedIn(component.code)}
            editable={editable}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}

function ComponentRow({
  dossierId,
  component,
  attachments,
  editable,
  onChanged,
}: {
  dossierId: string;
  component: Component;
  attachments: Attachment[];
  editable: boolean;
  onChanged: () => void;
}) {
  const done = attachments.length > 0;
  return (
    <li className={done ? "component done" : "component"} data-component={component.code}>
      <div className="component-head">
        <span aria-hidden="true">{done ? "✔" : "○"}</span>
        <strong>{component.name}</strong>
        <span className="sub">
          {component.required ? "Bắt buộc" : `Theo trường hợp: ${component.when ?? "—"}`} · {component.accepts.join(", ")}
        </span>
      </div>
      {attachments.length > 0 && (
        <ul className="files">
          {attachments.map((attachment) => (
            <FileRow key={attachment.id} attachment={attachment} editable={editable} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {editable &&
        (done ? (
          <details>
            <summary>Thêm tệp hoặc đổi cách nộp</summary>
            <HandIn dossierId={dossierId} component={component} onChanged={onChanged} />
          </details>
        ) : (
          <HandIn dossierId={dossierId} component={component} onChanged={onChanged} />
        ))}
    </li>
  );
}

function FileRow({ attachment, editable, onChanged }: { attachment: Attachment; editable: boolean; onChanged: () => void }) {
  const client = useClient();
  const [error, setError] = useState<ApiError | null>(null);
  async function remove() {
    const result = await client.mutation(RemoveAttachmentDocument, { id: attachment.id }).toPromise();
    if (result.error) setError(apiError(result.error));
    else onChanged();
  }
  const url = attachment.download?.url;
  return (
    <li className="file">
      {url && attachment.mediaType?.startsWith("image/") && <img className="thumb" src={url} alt="" />}
      {url ? (
        <a href={url} target="_blank" rel="noopener">
          {attachment.fileName}
        </a>
      ) : (
        <span>Bản giấy: {attachment.paperReason}</span>
      )}{" "}
      <span className="badge">{PROVENANCE[attachment.provenance] ?? attachment.provenance}</span>{" "}
      <span className="sub">
        {size(attachment.sizeBytes)} · {attachment.addedBy?.displayName ?? ""} · {formatDateTime(attachment.addedAt)}
        {attachment.sha256 && <span title={`SHA-256 ${attachment.sha256}`}> · SHA-256 {attachment.sha256.slice(0, 12)}…</span>}
      </span>
      {editable && (
        <button type="button" className="link" onClick={() => void remove()} aria-label={`Gỡ ${attachment.fileName ?? "bản giấy"}`}>
          Gỡ
        </button>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

function HandIn({ dossierId, component, onChanged }: { dossierId: string; component: Component; onChanged: () => void }) {
  const client = useClient();
  const [files, setFiles] = useState<File[]>([]);
  const [origin, setOrigin] = useState<UploadKind>("SCANNED");
  const [reason, setReason] = useState("");
  const [mode, setMode] = useState<"files" | "paper" | "reuse">("files");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // A new key empties the file input after an upload.
  const [picker, setPicker] = useState(0);
  const accept = component.accepts.map((kind) => MEDIA[kind] ?? "").join(",");
  const name = component.name;

  async function send() {
    setBusy(true);
    setError(null);
    const result = await upload<AttachFilesMutation>(AttachFilesDocument, { dossierId, component: component.code, origin }, files);
    setBusy(false);
    if ("error" in result) setError(result.error);
    else {
      setFiles([]);
      setPicker((n) => n + 1);
      onChanged();
    }
  }
  async function keepOnPaper() {
    setBusy(true);
    setError(null);
    const result = await client.mutation(KeepOnPaperDocument, { dossierId, component: component.code, reason }).toPromise();
    setBusy(false);
    if (result.error) setError(apiError(result.error));
    else {
      setReason("");
      onChanged();
    }
  }

  return (
    <div className="hand-in">
      <div role="radiogroup" aria-label={`Cách nộp: ${name}`} className="modes">
        {(["files", "paper", "reuse"] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name={`mode-${component.code}`}
              checked={mode === value}
              onChange={() => {
                setMode(value);
                setError(null);
              }}
            />
            {value === "files" ? "Tải tệp" : value === "paper" ? "Chỉ có bản giấy" : "Dùng lại giấy tờ đã có"}
          </label>
        ))}
      </div>
      {mode === "files" && (
        <div className="row">
          <label>
            Tệp ({component.accepts.join(", ")}, tối đa 20 MB)
            <input
              key={picker}
              type="file"
              multiple
              accept={accept}
              aria-label={`Tệp cho ${name}`}
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </label>
          <label>
            Nguồn
            <select value={origin} onChange={(e) => setOrigin(e.target.value as UploadKind)} aria-label={`Nguồn của ${name}`}>
              <option value="SCANNED">{PROVENANCE.SCANNED}</option>
              <option value="ELECTRONIC">{PROVENANCE.ELECTRONIC}</option>
              <option value="ELECTRONIC_SIGNED">{PROVENANCE.ELECTRONIC_SIGNED}</option>
            </select>
          </label>
          <button type="button" disabled={busy || files.length === 0} onClick={() => void send()}>
            {busy ? "Đang tải…" : "Tải lên"}
          </button>
        </div>
      )}
      {mode === "paper" && (
        <div className="row">
          <label>
            Lý do chỉ có bản giấy
            <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label={`Lý do chỉ có bản giấy: ${name}`} />
          </label>
          <button type="button" disabled={busy} onClick={() => void keepOnPaper()}>
            Ghi nhận
          </button>
        </div>
      )}
      {mode === "reuse" && <Reuse dossierId={dossierId} component={component} onChanged={onChanged} onError={setError} />}
      <ErrorNote error={error} />
    </div>
  );
}

function Reuse({
  dossierId,
  component,
  onChanged,
  onError,
}: {
  dossierId: string;
  component: Component;
  onChanged: () => void;
  onError: (error: ApiError | null) => void;
}) {
  const client = useClient();
  const [result] = useQuery({ query: ReusableDocumentsDocument, variables: { dossierId } });
  const documents = result.data?.reusableDocuments ?? [];
  async function reuse(sourceId: string) {
    const answer = await client.mutation(ReuseDocumentDocument, { dossierId, component: component.code, sourceId }).toPromise();
    if (answer.error) onError(apiError(answer.error));
    else onChanged();
  }
  if (result.fetching) return <p className="loading">Đang tìm giấy tờ đã có…</p>;
  if (documents.length === 0) return <p className="hint">Người nộp chưa có giấy tờ nào trong các hồ sơ trước tại tỉnh.</p>;
  return (
    <ul className="files">
      {documents.map((document) => (
        <li key={document.id}>
          {document.fileName} <span className="sub">({formatDateTime(document.addedAt)})</span>{" "}
          <button type="button" className="link" onClick={() => void reuse(document.id)}>
            Dùng cho thành phần này
          </button>
        </li>
      ))}
    </ul>
  );
}
