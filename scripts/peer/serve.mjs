// PostGraphile 5 serving the benchmark's database, as a peer of Ansinh: the same application
// role (no table owned, row-level security applies), the tenant set per request from the
// `x-tenant` header (`SET LOCAL ansinh.tenant` in PostGraphile's transaction), no GraphiQL,
// no watch mode. Environment: DATABASE_URL, PORT.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const port = Number(process.env.PORT ?? "5678");
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      // The same pool size as Ansinh's default.
      poolConfig: { max: 10 },
      pgSettings: (ctx) => ({
        "ansinh.tenant": String(ctx.node?.req?.headers["x-tenant"] ?? ""),
      }),
    }),
  ],
  grafserv: { port, graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(port, "127.0.0.1", () => {
  console.error(`postgraphile listening on 127.0.0.1:${port}`);
});
