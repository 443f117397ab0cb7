// The GraphQL client: urql with the access token on every request, refreshed through the
// cookie before it expires and once more when the API answers UNAUTHENTICATED.
import { Client, cacheExchange, fetchExchange } from "urql";
import { authExchange } from "@urql/exchange-auth";
import { accessToken, expiresSoon, refresh } from "./session";

export function createClient(): Client {
  return new Client({
    url: "/graphql",
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = accessToken();
          return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
        },
        willAuthError: () => expiresSoon(),
        didAuthError: (error) =>
          error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED"),
        async refreshAuth() {
          await refresh();
        },
      })),
      fetchExchange,
    ],
  });
}
