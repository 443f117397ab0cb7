// Sign-in: the province first (the tenant), then login name and password. The API's own
// Vietnamese message is shown for a wrong password, a locked account or too many attempts.
import { Link } from "react-router-dom";
import { type FormEvent, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql";
import { login, SessionError, type ApiError } from "../api/session";
import { ErrorNote, Field } from "../app/ui";

const TenantsDocument = graphql(`
  query Tenants {
    tenants { code name fullName kind }
  }
`);

export function LoginPage() {
  const [{ data }] = useQuery({ query: TenantsDocument });
  const [tenant, setTenant] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(tenant, username.trim(), password);
    } catch (caught) {
      setError(caught instanceof SessionError ? caught.apiError : { code: "INTERNAL", message: "lỗi hệ thống" });
      setBusy(false);
    }
  }

  const tenants = [...(data?.tenants ?? [])].sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name, "vi") : a.kind === "NATIONAL" ? 1 : -1,
  );
  return (
    <main className="login" id="main">
      <h1>Dịch vụ công bảo trợ xã hội</h1>
      <form onSubmit={(e) => void submit(e)} aria-label="Đăng nhập">
        <Field label="Tỉnh, thành phố">
          {(id) => (
            <select id={id} value={tenant} onChange={(e) => setTenant(e.target.value)} required>
              <option value="">— Chọn tỉnh, thành phố —</option>
              {tenants.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.kind === "NATIONAL" ? `${t.fullName} (cấp bộ)` : t.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tên đăng nhập">
          {(id) => (
            <input
              id={id}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
          )}
        </Field>
        <Field label="Mật khẩu">
          {(id) => (
            <input
              id={id}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          )}
        </Field>
        <ErrorNote error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Đang đăng nhập…" : "Đăng nhập"}
        </button>
      </form>
      <p>
        <Link to="/ket-qua">Công dân tra cứu và tải kết quả hồ sơ</Link>
      </p>
    </main>
  );
}
