// The ministry's view today: the provinces on the platform. The national rollup (reports,
// beneficiaries, payments by province) takes this place when its issue lands; the ministry
// never reads a province's dossiers or people.
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { ErrorNote } from "../../app/ui";

const ProvincesDocument = graphql(`
  query Provinces { tenants { code name fullName kind } }
`);

export function ProvincesPage() {
  const [{ data, error }] = useQuery({ query: ProvincesDocument });
  const provinces = (data?.tenants ?? []).filter((t) => t.kind === "PROVINCE");
  return (
    <section>
      <h1>Các tỉnh, thành phố trên hệ thống</h1>
      <ErrorNote error={apiError(error)} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Tên</th>
              <th scope="col">Số liệu tổng hợp</th>
            </tr>
          </thead>
          <tbody>
            {provinces.map((p) => (
              <tr key={p.code}>
                <td>{p.code}</td>
                <td>{p.fullName}</td>
                <td className="sub">Chưa có: báo cáo tổng hợp toàn quốc sẽ hiển thị tại đây</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Cấp bộ chỉ xem số liệu tổng hợp; không xem hồ sơ hay thông tin cá nhân của người dân tại các tỉnh.
      </p>
    </section>
  );
}
