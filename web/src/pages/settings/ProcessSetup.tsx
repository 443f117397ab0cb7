// Xem quy trình và thời gian xử lý hồ sơ tại địa phương: the province's procedures with their
// statutory times and components (thành phần hồ sơ), and each workflow's steps with position, budget and allowed actions
// (read-only here; editing comes with the configuration screens).
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { LEVEL } from "../../app/labels";
import { ErrorNote } from "../../app/ui";
import { formatDay, formatWorkingHours } from "../../lib/format";
import { ComponentsTable } from "./Components";

const ProcessSetupDocument = graphql(`
  query ProcessSetup {
    procedures {
      code name legalBasis statutoryTotals { validFrom validTo workingHours legalBasis }
      components { code name required when accepts addedByProvince }
    }
    workflows {
      code name procedure validFrom validTo totalWorkingHours
      steps { code name level roleTitle budgetHours warnBeforeHours actions { action to } }
    }
  }
`);

export function ProcessSetupPage() {
  const [{ data, error }] = useQuery({ query: ProcessSetupDocument });
  return (
    <section>
      <h1>Quy trình và thời gian xử lý</h1>
      <ErrorNote error={apiError(error)} />
      {data?.procedures.map((procedure) => (
        <section key={procedure.code} className="card">
          <h2>
            {procedure.name} <span className="sub">({procedure.code})</span>
          </h2>
          <ul>
            {procedure.statutoryTotals.map((total, i) => (
              <li key={i}>
                Thời hạn luật định {formatWorkingHours(total.workingHours)}
                {total.validFrom && ` từ ${formatDay(total.validFrom)}`}
                {total.validTo && ` đến ${formatDay(total.validTo)}`} — {total.legalBasis}
              </li>
            ))}
          </ul>
          <ComponentsTable procedure={procedure.code} rows={procedure.components} />
          {data.workflows
            .filter((w) => w.procedure === procedure.code)
            .map((workflow) => (
              <div key={workflow.code} className="table-wrap">
                <table>
                  <caption>
                    {workflow.name}: tổng {formatWorkingHours(workflow.totalWorkingHours)}
                    {workflow.validFrom && `, áp dụng từ ${formatDay(workflow.validFrom)}`}
                    {workflow.validTo && ` đến ${formatDay(workflow.validTo)}`}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Bước</th>
                      <th scope="col">Cấp</th>
                      <th scope="col">Vị trí</th>
                      <th scope="col">Thời gian</th>
                      <th scope="col">Cảnh báo trước</th>
                    </tr>
                  </thead>
                  <tbody>
                    {workflow.steps.map((step) => (
                      <tr key={step.code}>
                        <td>{step.name}</td>
                        <td>{LEVEL[step.level]}</td>
                        <td>{step.roleTitle ?? "—"}</td>
                        <td>{formatWorkingHours(step.budgetHours)}</td>
                        <td>{step.warnBeforeHours ? formatWorkingHours(step.warnBeforeHours) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </section>
      ))}
    </section>
  );
}
