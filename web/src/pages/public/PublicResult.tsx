// Tra cứu kết quả: the citizen's page, without an account. The dossier's code and the lookup
// code printed on the reception receipt give the issued, digitally signed decision as a PDF;
// the server rate-limits tries and answers a wrong pair as an unknown one.
import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { Field } from "../../app/ui";

interface Problem {
  message: string;
}

async function problemOf(answer: Response): Promise<Problem> {
  try {
    const body = (await answer.json()) as { errors?: { message?: string }[] };
    return { message: body.errors?.[0]?.message ?? `Lỗi ${answer.status}` };
  } catch {
    return { message: `Lỗi ${answer.status}` };
  }
}

export function PublicResultPage() {
  const [dossier, setDossier] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const answer = await fetch("/public/result", {
      method: "POST",
      body: new URLSearchParams({ dossier: dossier.trim(), code: code.trim() }),
    });
    setBusy(false);
    if (!answer.ok) {
      setProblem(await problemOf(answer));
      return;
    }
    const name = `ket-qua-${dossier.trim()}.pdf`;
    setFile({ url: URL.createObjectURL(await answer.blob()), name });
  }

  return (
    <main className="login">
      <h1>Tra cứu kết quả giải quyết hồ sơ</h1>
      <p className="hint">
        Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả để tải quyết định đã ký số.
      </p>
      <form onSubmit={(e) => void submit(e)} aria-label="Tra cứu kết quả" className="form">
        <Field label="Mã hồ sơ">
          {(id) => <input id={id} value={dossier} onChange={(e) => setDossier(e.target.value)} required autoComplete="off" />}
        </Field>
        <Field label="Mã tra cứu" hint="10 ký tự, ví dụ 7K3QX-M9D2A">
          {(id, describedBy) => (
            <input id={id} aria-describedby={describedBy} value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
          )}
        </Field>
        {problem && (
          <p className="error" role="alert">
            {problem.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Đang tra cứu…" : "Tra cứu"}
        </button>
      </form>
      {file && (
        <p role="status">
          Đã tìm thấy kết quả:{" "}
          <a href={file.url} download={file.name}>
            Tải quyết định (PDF có chữ ký số)
          </a>
        </p>
      )}
      <p>
        <Link to="/">Cán bộ đăng nhập</Link>
      </p>
    </main>
  );
}
