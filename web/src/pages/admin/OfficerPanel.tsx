// One officer: roles at units (revoke), a new role at a unit (grant), lock and unlock. Each
// change applies on the officer's next request.
import { type FormEvent, useState } from "react";
import { useClient, useQuery } from "urql";
import { graphql } from "../../gql";
import type { RoleName } from "../../gql/graphql";
import { apiError } from "../../api/errors";
import type { ApiError } from "../../api/session";
import { Confirm, ErrorNote, Field } from "../../app/ui";
import { formatDateTime } from "../../lib/format";

const OfficerDocument = graphql(`
  query Officer($id: ID!) {
    officer(id: $id) { id username displayName locked lockedUntil roles { role title unitId } }
    units(first: 100) { nodes { id fullName level validTo } }
  }
`);
const GrantDocument = graphql(`
  mutation Grant($officerId: ID!, $grant: RoleGrantInput!) { grantRole(officerId: $officerId, grant: $grant) { role unitId } }
`);
const RevokeDocument = graphql(`
  mutation Revoke($officerId: ID!, $grant: RoleGrantInput!) { revokeRole(officerId: $officerId, grant: $grant) { role unitId } }
`);
const LockDocument = graphql(`
  mutation Lock($id: ID!) { lockAccount(officerId: $id) { id locked } }
`);
const UnlockDocument = graphql(`
  mutation Unlock($id: ID!) { unlockAccount(officerId: $id) { id locked lockedUntil } }
`);

const GRANTABLE: { role: RoleName; title: string }[] = [
  { role: "COMMUNE_RECEPTION", title: "Công chức tiếp nhận cấp xã" },
  { role: "COMMUNE_SOCIAL", title: "Công chức văn hóa - xã hội cấp xã" },
  { role: "COMMUNE_LEADER", title: "Lãnh đạo UBND cấp xã" },
  { role: "COMMUNE_CLERK", title: "Văn thư cấp xã" },
  { role: "PROVINCE_VIEWER", title: "Người xem cấp tỉnh" },
  { role: "PROVINCE_ADMIN", title: "Quản trị cấp tỉnh" },
];

type Pending = { question: string; run: () => Promise<{ error?: unknown } | undefined> } | null;

export function OfficerPanel({ officerId }: { officerId: string }) {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({ query: OfficerDocument, variables: { id: officerId } });
  const [role, setRole] = useState<RoleName>("COMMUNE_SOCIAL");
  const [unitId, setUnitId] = useState("");
  const [pending, setPending] = useState<Pending>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const officer = data?.officer;
  if (!officer) return <ErrorNote error={apiError(error)} />;
  const units = (data.units.nodes ?? []).filter((u) => !u.validTo);
  const unitName = (id: string) => data.units.nodes.find((u) => u.id === id)?.fullName ?? id;

  async function confirmed() {
    if (!pending) return;
    const result = (await pending.run()) as { error?: Parameters<typeof apiError>[0] } | undefined;
    setPending(null);
    setFailure(apiError(result?.error));
    refetch({ requestPolicy: "network-only" });
  }

  function grant(event: FormEvent) {
    event.preventDefault();
    if (!unitId) return;
    const title = GRANTABLE.find((g) => g.role === role)?.title ?? role;
    setPending({
      question: `Bạn chắc chắn muốn giao vai trò ${title} tại ${unitName(unitId)} cho ${officer!.displayName}?`,
      run: () => client.mutation(GrantDocument, { officerId, grant: { role, unitId } }).toPromise(),
    });
  }

  return (
    <aside className="card" aria-label={`Cán bộ ${officer.displayName}`}>
      <h2>
        {officer.displayName} ({officer.username})
      </h2>
      <p>
        {officer.locked
          ? "Tài khoản đang bị khóa"
          : officer.lockedUntil && new Date(officer.lockedUntil) > new Date()
            ? `Tạm khóa đến ${formatDateTime(officer.lockedUntil)} (đăng nhập sai nhiều lần)`
            : "Tài khoản đang hoạt động"}
      </p>
      <button
        type="button"
        onClick={() =>
          setPending(
            officer.locked || officer.lockedUntil
              ? { question: `Bạn chắc chắn muốn mở khóa tài khoản ${officer.username}?`, run: () => client.mutation(UnlockDocument, { id: officerId }).toPromise() }
              : { question: `Bạn chắc chắn muốn khóa tài khoản ${officer.username}?`, run: () => client.mutation(LockDocument, { id: officerId }).toPromise() },
          )
        }
      >
        {officer.locked || officer.lockedUntil ? "Mở khóa tài khoản" : "Khóa tài khoản"}
      </button>
      <h3>Vai trò</h3>
      <ul>
        {officer.roles.map((r) => (
          <li key={`${r.role}-${r.unitId}`}>
            {r.title} — {unitName(r.unitId)}{" "}
            <button
              type="button"
              className="small"
              onClick={() =>
                setPending({
                  question: `Bạn chắc chắn muốn thu hồi vai trò ${r.title} tại ${unitName(r.unitId)}?`,
                  run: () => client.mutation(RevokeDocument, { officerId, grant: { role: r.role, unitId: r.unitId } }).toPromise(),
                })
              }
            >
              Thu hồi
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={grant} aria-label="Giao vai trò" className="form">
        <h3>Giao vai trò</h3>
        <Field label="Vai trò">
          {(id) => (
            <select id={id} value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
              {GRANTABLE.map((g) => (
                <option key={g.role} value={g.role}>
                  {g.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tại đơn vị">
          {(id) => (
            <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
              <option value="">— Chọn đơn vị —</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          Giao vai trò
        </button>
      </form>
      <ErrorNote error={failure} />
      <Confirm open={pending !== null} question={pending?.question ?? ""} onConfirm={() => void confirmed()} onCancel={() => setPending(null)} />
    </aside>
  );
}
