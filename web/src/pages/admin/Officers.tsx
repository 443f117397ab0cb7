// Cán bộ và vai trò (province administration): the officers holding roles in the units the
// administrator manages, their roles at units, grant and revoke, lock and unlock.
import { useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { ErrorNote, Field } from "../../app/ui";
import { OfficerPanel } from "./OfficerPanel";

const OfficersDocument = graphql(`
  query Officers($search: String, $after: String) {
    officers(search: $search, first: 50, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id username displayName locked lockedUntil roles { role title unitId } }
    }
  }
`);

export function OfficersPage() {
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const [{ data, error }] = useQuery({ query: OfficersDocument, variables: { search: search.trim() || null, after: null } });
  const officers = data?.officers;
  return (
    <section className="split">
      <div>
        <h1>Cán bộ và vai trò</h1>
        <Field label="Tìm theo tên đăng nhập">
          {(id) => <input id={id} value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <ErrorNote error={apiError(error)} />
        {officers && (
          <>
            <p className="sub">{officers.totalCount} cán bộ</p>
            <ul className="officers">
              {officers.nodes.map((o) => (
                <li key={o.id}>
                  <button type="button" className={chosen === o.id ? "link current" : "link"} onClick={() => setChosen(o.id)}>
                    {o.displayName} ({o.username}){o.locked && " — đã khóa"}
                  </button>
                  <div className="sub">{o.roles.map((r) => r.title).join(", ")}</div>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {chosen && <OfficerPanel key={chosen} officerId={chosen} />}
    </section>
  );
}
