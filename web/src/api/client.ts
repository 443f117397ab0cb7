// The GraphQL client: urql with the access token on every request, refreshed through the
// cookie before it expires and once more when the API answers UNAUTHENTICATED; subscriptions
// over one WebSocket (graphql-transport-ws) that authenticates with the same token and
// reconnects with a fresh one when the server closes it (session check, expiry, restart).
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";
import { authExchange } from "@urql/exchange-auth";
import { createClient as createSocket } from "graphql-ws";
import { accessToken, expiresSoon, refresh } from "./session";

function liveSocket() {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return createSocket({
    url: `${scheme}://${window.location.host}/graphql/ws`,
    lazy: true,
    // Asked at every (re)connection, so a reconnect carries a token that is still valid.
    connectionParams: async () => {
      if (!accessToken() || expiresSoon()) await refresh();
      return { accessToken: accessToken() ?? "" };
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
  });
}

export function createClient(): Client {
  const socket = liveSocket();
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
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              return { unsubscribe: socket.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
}
