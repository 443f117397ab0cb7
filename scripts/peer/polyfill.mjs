// PostGraphile 5.1.5 asks for Node >= 22 for Promise.withResolvers alone; Debian 12's Node 20
// lacks it. Loaded with `node --import ./polyfill.mjs` before PostGraphile.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
}
