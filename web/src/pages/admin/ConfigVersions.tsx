// Phiên bản cấu hình: every published version of the province's configuration, newest first,
// who published it and when, and what changed per file against the one before.
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { ErrorNote } from "../../app/ui";
import { formatDateTime } from "../../lib/format";

const ConfigVersionsDocument = graphql(`
  query ConfigVersions {
    configVersions(first: 50) {
      totalCount
      nodes { version contentHash publishedBy publishedAt changes { file added removed changed } }
    }
  }
`);

export function ConfigVersionsPage() {
  const [{ data, error }] = useQuery({ query: ConfigVersionsDocument });
  return (
    <section>
      <h1>Phiên bản cấu hình</h1>
      <ErrorNote error={apiError(error)} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Phiên bản</th>
              <th scope="col">Người ban hành</th>
              <th scope="col">Thời điểm</th>
              <th scope="col">Thay đổi so với phiên bản trước</th>
            </tr>
          </thead>
          <tbody>
            {data?.configVersions.nodes.map((v) => (
              <tr key={v.version}>
                <td>
                  {v.version}
                  <div className="sub mono" title={v.contentHash}>
                    {v.contentHash.slice(0, 12)}
                  </div>
                </td>
                <td>{v.publishedBy}</td>
                <td>{formatDateTime(v.publishedAt)}</td>
                <td>
                  {v.changes.length === 0
                    ? "Không thay đổi"
                    : v.changes.map((c) => (
                        <div key={c.file}>
                          <span className="mono">{c.file}</span>: +{c.added} −{c.removed} ~{c.changed}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
