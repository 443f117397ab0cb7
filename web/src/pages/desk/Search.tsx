// Tra cứu hồ sơ: every dossier the caller may list (leaders, province viewers and the desk's
// own units), searched and filtered; a reader of personal data finds by name or ID number,
// others by code only (the API decides).
import { useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { graphql } from "../../gql";
import { apiError } from "../../api/errors";
import { ErrorNote } from "../../app/ui";
import { Filters, readListing } from "./filters";
import { ListingPage, usePager } from "./Pager";

const DossiersDocument = graphql(`
  query Dossiers($filter: DossierFilterInput, $orderBy: DossierOrder, $after: String) {
    dossiers(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {
      totalCount
      totalCountExact
      pageInfo { hasNextPage endCursor }
      nodes {
        id code applicantName procedure { code name } status step { name } stepDueAt stepSlaState dueAt
        holder { displayName } updatedAt
      }
    }
  }
`);

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const listing = readListing(params, "RECENTLY_CHANGED");
  const pager = usePager(params.toString());
  const [list] = useQuery({
    query: DossiersDocument,
    variables: { filter: listing.filter, orderBy: listing.orderBy, after: pager.after },
  });
  const page = list.data?.dossiers;
  return (
    <section>
      <h1>Tra cứu hồ sơ</h1>
      <Filters params={params} setParams={setParams} defaultOrder="RECENTLY_CHANGED" />
      <ErrorNote error={apiError(list.error)} />
      <ListingPage page={page} pager={pager} caption={"Kết quả tra cứu"} fetching={list.fetching} />
    </section>
  );
}
