// Which earlier code cells a cell needs, read from the TypeScript syntax tree of every cell, so
// that a live deck can run a chart's cells without the rest and still draw what the kernel's
// in-order run draws.
//
// Model. A cell touches top-level names (those the cells declare at their top level, the
// parameters, the library's imports). Names whose values may share objects are grouped into
// classes (union-find). Cell j > i needs cell i when
//   - i declares (or assigns) a name that j touches, or j declares one that i touches, or
//   - i and j touch one class and at least one of them changes an object of it.
// Running any set of cells closed under "needs", each after the cells it needs, then gives
// each of them the same state as the in-order run: two cells not ordered by "needs" bind no
// name the other uses and touch disjoint classes, or only read a shared one, so they commute.
// Reads of an immutable name order nothing but its declaration.
//
// Immutable: declared once, by `const` (or as an import, a parameter, a function declaration),
// before any cell uses it, never assigned (nor a property of it), and bound to a value that
// cannot change: a primitive expression, or a function whose body reads only immutable
// names. Every other name is mutable.
//
// Changes to objects (without types, conservatively):
//   - assigning a property or an element, `++`, `delete`; assigning the name itself changes
//     its class only when a function that may outlive its statement reads it;
//   - calling a method not in PURE_METHODS on it (ml-matrix's `X.mul(2)` works in place),
//     unless the receiver is a new value (`X.clone().mul(2)`);
//   - passing it to a function of the notebook that is not read-only (one that may change
//     something other than its own new locals, or calls what it was handed), to a method not
//     in PURE_METHODS, or to an unknown global;
//   - passing a generator to anything. The library changes none of its inputs but the random
//     generator it is handed, and keeps none of them in what it returns.
// Generators: values made by `createRng(...)` or `.split()` (or returned by a function of the
// notebook that makes them), and every value that may hold one.
//
// Classes: a declaration joins each declared name with the names its value may hold
// (`flows`: for a callback handed to a pure method, a pure global or the library, what it
// returns; for a function kept, every name it reads); a change that may store one value in
// another joins them (`a.push(b)`, `f(a, b)`). A library call's result and a generator's
// output (`rng.normalMatrix(...)`) hold nothing of the generator. The names of one
// destructuring share what the value holds from outside, not each other: independent streams
// split from one generator stay independent (`const [a, b] = streams()`).
import ts from "typescript";

/** A code cell as the analysis sees it: its nbformat id and TypeScript source. */
export interface SourceCell {
  id: string;
  source: string;
}

/** What one cell does with top-level names (before classes are formed). */
export interface CellNames {
  /** top-level names it declares */
  declares: string[];
  /** top-level names it references that are declared outside it (imports, parameters, earlier cells, globals) */
  reads: string[];
}

/** The dependency graph of a notebook: per code cell, in notebook order, the earlier cells it needs. */
export interface DependencyGraph {
  cells: {
    id: string;
    needs: string[];
    /** parameters the cell reads (its own outputs may depend on all of them) */
    parameters: string[];
    /** of those, the ones what it leaves to later cells may depend on (`passes` ⊆ `parameters`) */
    passes: string[];
  }[];
}

/** Array and ml-matrix methods that do not change their receiver. */
const PURE_METHODS = new Set([
  "map", "filter", "reduce", "reduceRight", "flatMap", "flat", "find", "findIndex", "findLast", "findLastIndex", "some",
  "every", "includes", "indexOf", "lastIndexOf", "join", "slice", "concat", "at", "forEach", "entries", "keys", "values",
  "toString", "toFixed", "toExponential", "toPrecision", "padStart", "padEnd", "trim", "split", "startsWith", "endsWith",
  "repeat", "replace", "replaceAll", "charAt", "codePointAt", "localeCompare", "has", "get",
  "getRow", "getColumn", "getRowVector", "getColumnVector", "to1DArray", "to2DArray", "toJSON", "clone", "transpose",
  "mmul", "norm", "sum", "max", "min", "mean", "diag", "isSquare", "maxIndex", "minIndex", "dot", "trace",
]);
/** Of those, the ones whose result shares nothing with the receiver (copies or numbers). */
const FRESH_METHODS = new Set([
  "toString", "toFixed", "toExponential", "toPrecision", "padStart", "padEnd", "join", "includes", "indexOf", "some",
  "every", "getRow", "getColumn", "getRowVector", "getColumnVector", "to1DArray", "to2DArray", "clone", "transpose",
  "mmul", "norm", "sum", "max", "min", "mean", "diag", "dot", "trace", "isSquare", "maxIndex", "minIndex",
]);
/** Globals (and, for two of them, their functions) that do not change their arguments. */
const PURE_GLOBALS = new Set(["Math", "JSON", "Number", "String", "Boolean", "console", "Set", "Map", "isFinite", "isNaN", "parseFloat", "parseInt", "Array.from", "Array.isArray", "Array.of", "Object.entries", "Object.keys", "Object.values", "Object.fromEntries"]);
const pureGlobal = (name: string, method?: string) => PURE_GLOBALS.has(name) || (method !== undefined && PURE_GLOBALS.has(`${name}.${method}`));
/** Array methods that change the array's own slots only, and those that return a shallow copy. */
const ARRAY_MUTATORS = new Set(["reverse", "sort", "push", "pop", "shift", "unshift", "splice", "fill", "copyWithin"]);
const ARRAY_COPIES = new Set(["slice", "map", "filter", "concat", "flat", "flatMap"]);
const GENERATOR_FACTORIES = new Set(["createRng"]);
const GENERATOR_METHODS = new Set(["split"]);

const isFunctionLike = (n: ts.Node): n is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) ||
  ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);

function bindingNames(name: ts.BindingName, into: string[] = []): string[] {
  if (ts.isIdentifier(name)) into.push(name.text);
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bindingNames(e.name, into);
  return into;
}

/** `var` names declared inside `node`, not inside nested functions. */
function varNames(node: ts.Node, into: string[] = []): string[] {
  ts.forEachChild(node, (child) => {
    if (isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isVariableDeclarationList(child) && !(child.flags & ts.NodeFlags.BlockScoped)) for (const d of child.declarations) bindingNames(d.name, into);
    varNames(child, into);
  });
  return into;
}

/** let/const/function/class names declared directly in a block-like list of statements. */
function lexicalNames(statements: readonly ts.Statement[]): string[] {
  const out: string[] = [];
  for (const s of statements) {
    if (ts.isVariableStatement(s) && s.declarationList.flags & ts.NodeFlags.BlockScoped) for (const d of s.declarationList.declarations) bindingNames(d.name, out);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) out.push(s.name.text);
  }
  return out;
}

/** Names a nested scope declares (undefined for a node that opens no scope). */
function scopeNames(node: ts.Node): string[] | undefined {
  if (isFunctionLike(node)) {
    const names = node.parameters.flatMap((p) => bindingNames(p.name));
    if (ts.isFunctionExpression(node) && node.name) names.push(node.name.text);
    if (node.body) names.push(...varNames(node.body), "arguments");
    return names;
  }
  if (ts.isClassExpression(node) && node.name) return [node.name.text];
  if (ts.isBlock(node) || ts.isModuleBlock(node)) return lexicalNames(node.statements);
  if (ts.isCaseBlock(node)) return lexicalNames(node.clauses.flatMap((c) => c.statements));
  if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    return node.initializer.flags & ts.NodeFlags.BlockScoped ? node.initializer.declarations.flatMap((d) => bindingNames(d.name)) : [];
  }
  if (ts.isCatchClause(node) && node.variableDeclaration) return bindingNames(node.variableDeclaration.name);
  return undefined;
}

/** The top-level names a cell declares: imports, let/const/var/function/class at its top level, and `var`s in top-level blocks. */
function topLevelNames(file: ts.SourceFile): string[] {
  const names = [...lexicalNames(file.statements), ...varNames(file)];
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !s.importClause || s.importClause.isTypeOnly) continue;
    if (s.importClause.name) names.push(s.importClause.name.text);
    const b = s.importClause.namedBindings;
    if (b && ts.isNamespaceImport(b)) names.push(b.name.text);
    else if (b) for (const e of b.elements) if (!e.isTypeOnly) names.push(e.name.text);
  }
  return [...new Set(names)];
}

/** Whether an identifier stands for a value (not a property name, a declared binding, a label or a type). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) ||
    ts.isSetAccessorDeclaration(p) || ts.isEnumMember(p) || ts.isPropertySignature(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && (p.propertyName === id || p.name === id)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) ||
    ts.isClassDeclaration(p) || ts.isClassExpression(p) || ts.isEnumDeclaration(p)) && p.name === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isMetaProperty(p)) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  return true;
}

/** Whether `id` refers to a name declared inside the cell below its top level. */
function isLocal(id: ts.Identifier): boolean {
  for (let n: ts.Node = id.parent; !ts.isSourceFile(n); n = n.parent) {
    const names = scopeNames(n);
    if (names?.includes(id.text)) return true;
  }
  return false;
}

const isTypeOnly = (n: ts.Node) =>
  ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isHeritageClause(n) || ts.isTypeParameterDeclaration(n);

const isAncestor = (ancestor: ts.Node, node: ts.Node) => {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
};

/**
 * The declaration of a local variable `id` when a write to it (itself, or `plain` false: to a
 * property of it) cannot reach a value from outside: a let/const/var (not a parameter) that is
 * assigned itself, or whose initializer makes a new value (`isFresh`).
 */
function freshLocal(id: ts.Identifier, plain: boolean, isFresh: (e: ts.Expression) => boolean): ts.Node | undefined {
  for (let n: ts.Node = id.parent; !ts.isSourceFile(n); n = n.parent) {
    if (!scopeNames(n)?.includes(id.text)) continue;
    if (isFunctionLike(n) && n.parameters.some((p) => bindingNames(p.name).includes(id.text))) return undefined;
    let found: ts.VariableDeclaration | undefined;
    const search = (m: ts.Node): void => {
      if (found || (m !== n && isFunctionLike(m))) return;
      if (ts.isVariableDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === id.text) found = m;
      else ts.forEachChild(m, search);
    };
    ts.forEachChild(n, search);
    if (!found) return undefined;
    if (plain) return found;
    return found.initializer && isFresh(found.initializer) ? found : undefined;
  }
  return undefined;
}

/** The value a declaration binds, as far as immutability goes. */
/**
 * What a function's body does, for calls from other cells. `readOnly`: it writes nothing but
 * its own fresh locals (no top-level name, no parameter, no object it was handed), calls no
 * function it was handed, and of the notebook's functions calls only `calls`.
 */
interface Body {
  reads: Set<string>;
  readOnly: boolean;
  calls: Set<string>;
  /** top-level names it hands to the library (a write when one is a generator) */
  libraryArguments: Set<string>;
}
type Bound = { kind: "primitive" } | ({ kind: "function" } & Body) | { kind: "other" };

interface Declaration {
  name: string;
  cell: number;
  constant: boolean;
  bound: Bound;
  /** names the value may hold: always, and unless that name is a generator */
  strong: Set<string>;
  weak: Set<string>;
  /** made by a generator factory (for a function: its body makes one, so its calls return new generators) */
  generatorMade: boolean;
  /** notebook names its initializer calls */
  callees: Set<string>;
}

/** One top-level statement: the names it touches, and the effects that outlive it. */
interface StatementFacts {
  touched: Set<string>;
  declared: Set<string>;
  writes: Set<string>;
  libraryArguments: Set<string>;
  calls: { callee: string; args: Flows }[];
}

/** Raw facts of one cell, before generators, immutability and classes are known. */
interface CellFacts {
  names: CellNames;
  /** every top-level name referenced (own ones included) */
  touched: Set<string>;
  writes: Set<string>;
  /** names handed to the library: written if they are generators */
  libraryArguments: Set<string>;
  /** calls of the notebook's own functions: what they may write depends on the function */
  notebookCalls: { callee: string; calleeFlows: Flows; args: Flows }[];
  /** names assigned (or a property of them) */
  assigned: Set<string>;
  /** names assigned themselves (`x = …`, `x++`) */
  rebinds: Set<string>;
  /** names read by a function that may outlive the statement (not a callback handed to a pure callee) */
  captured: Set<string>;
  /** groups of names that may come to share objects: [always, unless a generator] */
  joins: [Set<string>, Set<string>][];
  declarations: Declaration[];
  /** per top-level statement: what it touches, and what it may leave to later cells */
  statements: StatementFacts[];
}

type Flows = { strong: Set<string>; weak: Set<string> };
const none = (): Flows => ({ strong: new Set(), weak: new Set() });
const merge = (...fs: Flows[]): Flows => ({ strong: new Set(fs.flatMap((f) => [...f.strong])), weak: new Set(fs.flatMap((f) => [...f.weak])) });
const weakened = (f: Flows): Flows => ({ strong: new Set(), weak: new Set([...f.strong, ...f.weak]) });

/** Whether `e` always yields a primitive; `declared` are the notebook's own top-level names (one may shadow Math). */
function isPrimitiveExpression(e: ts.Expression, declared: ReadonlySet<string>): boolean {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) return isPrimitiveExpression(e.expression, declared);
  if (ts.isNumericLiteral(e) || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) || ts.isBigIntLiteral(e)) return true;
  const k = e.kind;
  if (k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isTypeOfExpression(e) || ts.isPrefixUnaryExpression(e)) return true;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const passesOperand = op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken ||
      op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken;
    return passesOperand ? isPrimitiveExpression(e.left, declared) && isPrimitiveExpression(e.right, declared) : true;
  }
  if (ts.isConditionalExpression(e)) return isPrimitiveExpression(e.whenTrue, declared) && isPrimitiveExpression(e.whenFalse, declared);
  if (ts.isIdentifier(e)) return !declared.has(e.text) && (e.text === "undefined" || e.text === "NaN" || e.text === "Infinity");
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)) {
    return e.expression.expression.text === "Math" && !declared.has("Math");
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Math" && !declared.has("Math")) return true;
  return false;
}

/** One cell's facts; `imports` and `notebookNames` say what a callee is. */
function cellFacts(source: string, cell: number, imports: Set<string>, notebookNames: Set<string>): CellFacts {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const own = new Set(topLevelNames(file));
  const facts: CellFacts = {
    names: { declares: [...own], reads: [] },
    touched: new Set(),
    writes: new Set(),
    libraryArguments: new Set(),
    notebookCalls: [],
    assigned: new Set(),
    rebinds: new Set(),
    captured: new Set(),
    joins: [],
    declarations: [],
    statements: [],
  };
  const topName = (e: ts.Node): string | undefined => (ts.isIdentifier(e) && isReference(e) && !isLocal(e) ? e.text : undefined);
  const isLibrary = (name: string) => imports.has(name) && !notebookNames.has(name);
  const isGlobal = (name: string) => !imports.has(name) && !notebookNames.has(name);

  /** The top-level name an access chain starts from (`a` of `a.b[c].d`). */
  const root = (e: ts.Expression): string | undefined => {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    return topName(e);
  };
  const writeAll = (f: Flows) => {
    for (const n of [...f.strong, ...f.weak]) facts.writes.add(n);
  };
  const join = (...fs: Flows[]) => {
    const m = merge(...fs);
    if (m.strong.size + m.weak.size > 1) facts.joins.push([m.strong, m.weak]);
  };
  const assignTarget = (target: ts.Expression, value: Flows) => {
    if (collectors.length > 0) {
      if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) for (const c of collectors) c.readOnly = false;
      else writeInside(target, ts.isIdentifier(target));
    }
    if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) {
      const inner = expr(target); // destructuring assignment: every name in the pattern is written
      writeAll(inner);
      for (const n of inner.strong) facts.assigned.add(n);
      join(inner, value);
      return;
    }
    const name = root(target);
    if (!ts.isIdentifier(target)) visitChildren(target);
    if (name) {
      touch(name);
      // `x = …` binds the name anew and changes no object; `x.p = …` changes x's object
      (ts.isIdentifier(target) ? facts.rebinds : facts.writes).add(name);
      facts.assigned.add(name);
      join({ strong: new Set([name]), weak: new Set() }, value);
    }
  };

  function call(node: ts.CallExpression | ts.NewExpression): Flows {
    const kept = (node.arguments ?? []).map(expr);
    // what a pure method, a pure global or the library gets from a callback is what it returns
    const args = (node.arguments ?? []).map((a, k) => closures.get(a)?.returns ?? kept[k]);
    const consume = () => (node.arguments ?? []).forEach((a) => consumed.add(a));
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = expr(callee.expression);
      const method = callee.name.text;
      const base = root(callee.expression);
      if (base && isLibrary(base)) {
        // a library namespace's function (Matrix.add, residualLayer.forward)
        consume();
        for (const a of args) handed([...a.strong, ...a.weak]);
        return weakened(merge(...args));
      }
      if (base && isGlobal(base) && pureGlobal(base, method)) {
        consume();
        return merge(...args);
      }
      if (!PURE_METHODS.has(method) || (base && isGlobal(base))) {
        if (freshResult(callee.expression, method) || freshLocalReceiver(callee.expression)) return none();
        writeInside(callee.expression, false);
        writeAll(receiver);
        for (const a of kept) writeAll(a);
        join(receiver, ...kept);
      }
      else consume();
      // a generator's draw is fresh: its receiver joins only when it is not a generator
      return FRESH_METHODS.has(method) ? none() : merge(weakened(receiver), ...args);
    }
    const name = topName(callee);
    if (name) touch(name);
    if (name && isLibrary(name)) {
      consume();
      for (const a of args) handed([...a.strong, ...a.weak]);
      return weakened(merge(...args));
    }
    if (name && isGlobal(name) && pureGlobal(name)) {
      consume();
      return merge(...args);
    }
    const f = expr(callee);
    if (name && notebookNames.has(name)) {
      for (const c of collectors) c.calls.add(name);
      facts.notebookCalls.push({ callee: name, calleeFlows: f, args: merge(...kept) });
      return merge(f, ...kept);
    }
    // a function handed in, or a local one that is not a plain arrow or function
    if (ts.isIdentifier(callee) && isLocal(callee) && !localFunction(callee)) for (const c of collectors) c.readOnly = false;
    if (!ts.isIdentifier(callee)) for (const c of collectors) c.readOnly = false;
    writeAll(f);
    for (const a of kept) writeAll(a);
    join(f, ...kept);
    return merge(f, ...kept);
  }

  function visitChildren(node: ts.Node): Flows {
    const parts: Flows[] = [];
    ts.forEachChild(node, (child) => {
      if (!isTypeOnly(child)) parts.push(expr(child));
    });
    return merge(...parts);
  }

  /** The top-level names the statement being read references anywhere. */
  let statementNames = new Set<string>();
  /** Bodies of functions bound by a variable declaration. */
  const bodies = new Map<ts.Node, Body>();
  /** Open function bodies, innermost last: what each touches, writes and calls, and what it returns. */
  const collectors: (Body & { node: ts.Node; returns: Flows })[] = [];
  const closures = new Map<ts.Node, Body & { returns: Flows }>();
  /** Callbacks handed to a callee that calls them and keeps nothing of them. */
  const consumed = new Set<ts.Node>();
  const touch = (name: string): Flows => {
    facts.touched.add(name);
    for (const c of collectors) c.reads.add(name);
    return { strong: new Set([name]), weak: new Set() };
  };
  /** A function or class holds (and, called, may use) every top-level name its body touches. */
  const closure = (node: ts.Node): Body => {
    const body = { node, reads: new Set<string>(), readOnly: true, calls: new Set<string>(), libraryArguments: new Set<string>(), returns: none() };
    collectors.push(body);
    ts.forEachChild(node, (child) => {
      if (isTypeOnly(child)) return;
      const flows = expr(child);
      if (ts.isArrowFunction(node) && child === node.body && !ts.isBlock(child)) body.returns = flows;
    });
    collectors.pop();
    closures.set(node, body);
    return body;
  };
  /** What an argument hands over: a callback that the callee does not keep hands over what it returns. */
  const passed = (arg: ts.Expression): Flows => {
    const flows = expr(arg);
    const body = closures.get(arg);
    return body ? body.returns : flows;
  };
  const handed = (names: Iterable<string>) => {
    for (const n of names) {
      facts.libraryArguments.add(n);
      for (const c of collectors) c.libraryArguments.add(n);
    }
  };
  /**
   * A write through `target` inside open function bodies: harmless to a body only when the
   * target is a local variable declared in that body (not a parameter) and either assigned
   * itself or bound to a fresh literal.
   */
  const writeInside = (target: ts.Expression, plain: boolean) => {
    if (collectors.length === 0) return;
    let e = target;
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    const own = ts.isIdentifier(e) && isLocal(e) ? freshLocal(e, plain || e === target, (init) => freshResult(init)) : undefined;
    for (const c of collectors) if (!own || !isAncestor(c.node, own)) c.readOnly = false;
  };
  /**
   * A new value: a literal, `new …`, a library call, a copying method (`X.clone()`); with
   * `mutator` an array method that changes only the array's own slots, also a shallow copy
   * (`xs.slice().reverse()` leaves `xs` alone).
   */
  const freshResult = (e: ts.Expression, mutator?: string): boolean => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isNewExpression(e) || ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e)) return true;
    if (!ts.isCallExpression(e)) return false;
    const c = e.expression;
    if (ts.isPropertyAccessExpression(c)) {
      if (mutator !== undefined && ARRAY_MUTATORS.has(mutator) && ARRAY_COPIES.has(c.name.text)) return true;
      return FRESH_METHODS.has(c.name.text) || (root(c.expression) !== undefined && isLibrary(root(c.expression)!));
    }
    const name = topName(c);
    return name !== undefined && isLibrary(name);
  };
  /** A local variable bound to a new value (`const out = []; … out.push(x)`): changing it changes nothing outside. */
  const freshLocalReceiver = (e: ts.Expression): boolean =>
    ts.isIdentifier(e) && isLocal(e) && freshLocal(e, false, (init) => freshResult(init)) !== undefined;
  /** Whether a local callee is a const bound to an arrow or function expression (its body is analysed where it stands). */
  const localFunction = (id: ts.Identifier): boolean => {
    const d = freshLocal(id, true, () => true);
    const init = d && ts.isVariableDeclaration(d) ? d.initializer : undefined;
    return !!init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && !!(d!.parent.flags & ts.NodeFlags.Const);
  };

  /** Records what `node` does and returns what its value may hold. */
  function expr(node: ts.Node): Flows {
    if (isTypeOnly(node)) return none();
    if (ts.isIdentifier(node)) {
      const name = topName(node);
      if (name) return touch(name);
      // a local variable may hold anything its top-level statement reaches (a loop variable
      // is an element of the array it walks, a callback's parameter one of its receiver's)
      return isReference(node) && isLocal(node) ? { strong: new Set(statementNames), weak: new Set() } : none();
    }
    if (ts.isShorthandPropertyAssignment(node)) {
      if (node.objectAssignmentInitializer) expr(node.objectAssignmentInitializer);
      return isLocal(node.name) ? none() : touch(node.name.text);
    }
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.parent === file && node.name) {
      const body = closure(node);
      declare(node, [node.name.text], { strong: body.reads, weak: new Set() }, body);
      return none();
    }
    if (isFunctionLike(node) || ts.isClassLike(node)) {
      const body = closure(node);
      if (ts.isVariableDeclaration(node.parent) && node.parent.initializer === node) bodies.set(node, body);
      return { strong: body.reads, weak: new Set() };
    }
    if (ts.isPropertyAccessExpression(node)) return expr(node.expression);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return call(node);
    if (ts.isTaggedTemplateExpression(node)) {
      const f = merge(expr(node.tag), expr(node.template));
      writeAll(f);
      return f;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) {
        const value = expr(node.right);
        assignTarget(node.left, value);
        return value;
      }
      const left = expr(node.left);
      const right = expr(node.right);
      if (op === ts.SyntaxKind.CommaToken) return right;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return merge(left, right);
      return none();
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      assignTarget(node.operand, none());
      return none();
    }
    if (ts.isDeleteExpression(node)) {
      assignTarget(node.expression, none());
      return none();
    }
    if (ts.isTypeOfExpression(node) || ts.isPrefixUnaryExpression(node) || ts.isTemplateExpression(node) || ts.isVoidExpression(node)) {
      visitChildren(node);
      return none();
    }
    if (ts.isVariableDeclaration(node)) {
      const value = node.initializer ? expr(node.initializer) : none();
      if (!ts.isIdentifier(node.name)) visitChildren(node.name); // defaults and computed keys of a pattern
      if (isTopLevelDeclaration(node)) declare(node, bindingNames(node.name), value);
      return none();
    }
    if (ts.isImportDeclaration(node)) return none();
    if (ts.isReturnStatement(node)) {
      const flows = node.expression ? expr(node.expression) : none();
      const inner = collectors.at(-1);
      if (inner) inner.returns = merge(inner.returns, flows);
      return none();
    }
    return visitChildren(node);
  }

  /** Whether a variable declaration binds top-level names: a `var` outside functions, or a statement of the cell itself. */
  function isTopLevelDeclaration(node: ts.VariableDeclaration): boolean {
    const list = node.parent;
    if (!ts.isVariableDeclarationList(list)) return false; // a catch clause's variable
    for (let n: ts.Node = list.parent; !ts.isSourceFile(n); n = n.parent) if (isFunctionLike(n) || ts.isClassLike(n)) return false;
    return !(list.flags & ts.NodeFlags.BlockScoped) || (ts.isVariableStatement(list.parent) && list.parent.parent === file);
  }

  function declare(node: ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration, names: string[], value: Flows, body?: Body) {
    let bound: Bound = { kind: "other" };
    let constant = false;
    let generatorMade = false;
    const init = ts.isVariableDeclaration(node) ? node.initializer : undefined;
    if (ts.isVariableDeclaration(node)) {
      constant = !!(node.parent.flags & ts.NodeFlags.Const) && ts.isIdentifier(node.name);
      if (init && isPrimitiveExpression(init, notebookNames)) bound = { kind: "primitive" };
      else if (init && bodies.has(init)) bound = { kind: "function", ...bodies.get(init)! };
    } else if (ts.isFunctionDeclaration(node) && body) {
      constant = true;
      bound = { kind: "function", ...body };
    }
    const callees = new Set<string>();
    // the expressions whose value the name may hold: a function's returned values
    const yielded = (n: ts.Node): ts.Expression[] => {
      if (ts.isArrowFunction(n) && !ts.isBlock(n.body)) return [n.body];
      const out: ts.Expression[] = [];
      const find = (m: ts.Node): void => {
        if (isFunctionLike(m)) return;
        if (ts.isReturnStatement(m) && m.expression) out.push(m.expression);
        ts.forEachChild(m, find);
      };
      if (isFunctionLike(n) && n.body) ts.forEachChild(n.body, find);
      return out;
    };
    const scan = (e: ts.Expression): void => {
      if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isElementAccessExpression(e) || ts.isSatisfiesExpression(e)) return scan(e.expression);
      if (ts.isConditionalExpression(e)) return [e.whenTrue, e.whenFalse].forEach(scan);
      if (ts.isBinaryExpression(e)) return [e.left, e.right].forEach(scan);
      if (ts.isArrayLiteralExpression(e)) return e.elements.forEach((x) => scan(ts.isSpreadElement(x) ? x.expression : x));
      if (ts.isObjectLiteralExpression(e)) {
        for (const p of e.properties) if (ts.isPropertyAssignment(p)) scan(p.initializer);
        else if (ts.isSpreadAssignment(p)) scan(p.expression);
        return;
      }
      if (!ts.isCallExpression(e)) return;
      const c = e.expression;
      if (ts.isIdentifier(c)) {
        callees.add(c.text);
        if (GENERATOR_FACTORIES.has(c.text)) generatorMade = true;
      } else if (ts.isPropertyAccessExpression(c) && GENERATOR_METHODS.has(c.name.text)) generatorMade = true;
      // Array.from(…, () => rng.split()), xs.map(() => …): what the callbacks return
      for (const a of e.arguments) if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) yielded(a).forEach(scan);
    };
    if (init) (ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? yielded(init) : [init]).forEach(scan);
    else if (ts.isFunctionDeclaration(node)) yielded(node).forEach(scan);
    for (const name of names) {
      facts.declarations.push({ name, cell, constant, bound, strong: value.strong, weak: value.weak, generatorMade, callees });
    }
    // a primitive's reads are a computation, not something the value keeps; the names of one
    // pattern share what the value holds from outside, not each other
    if (bound.kind !== "primitive") for (const name of names) join({ strong: new Set([name]), weak: new Set() }, value);
  }

  for (const statement of file.statements) {
    statementNames = new Set();
    const gather = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && topName(n)) statementNames.add(n.text);
      else if (ts.isShorthandPropertyAssignment(n) && !isLocal(n.name)) statementNames.add(n.name.text);
      if (!isTypeOnly(n)) ts.forEachChild(n, gather);
    };
    gather(statement);
    const before = { declarations: facts.declarations.length, calls: facts.notebookCalls.length, writes: new Set([...facts.writes, ...facts.rebinds]), handed: new Set(facts.libraryArguments) };
    expr(statement);
    facts.statements.push({
      touched: statementNames,
      declared: new Set(facts.declarations.slice(before.declarations).map((d) => d.name)),
      writes: new Set([...facts.writes, ...facts.rebinds].filter((n) => !before.writes.has(n))),
      libraryArguments: new Set([...facts.libraryArguments].filter((n) => !before.handed.has(n))),
      calls: facts.notebookCalls.slice(before.calls).map(({ callee, args }) => ({ callee, args })),
    });
  }
  for (const [node, body] of closures) if (!consumed.has(node)) body.reads.forEach((n) => facts.captured.add(n));
  facts.names.reads = [...facts.touched].filter((n) => !own.has(n)).sort();
  return facts;
}

/** The names a cell declares at its top level and those it reads from outside it. */
export function cellNames(source: string): CellNames {
  const facts = cellFacts(source, 0, new Set(), new Set());
  return { declares: [...facts.names.declares].sort(), reads: facts.names.reads };
}

class Classes {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string) {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/**
 * The dependency graph of a notebook's code cells, in order. `parameters` names the knobs of
 * the parameters cell (`parametersCell` is its id): immutable values every cell may read.
 */
export function dependencyGraph(cells: readonly SourceCell[], parametersCell: string | undefined, parameters: readonly string[]): DependencyGraph {
  const firstPass = cells.map((c) => (c.id === parametersCell ? undefined : ts.createSourceFile("c.ts", c.source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)));
  const imports = new Set<string>();
  const notebookNames = new Set<string>(parameters);
  for (const file of firstPass) {
    if (!file) continue;
    for (const s of file.statements) if (ts.isImportDeclaration(s)) topLevelNames(ts.factory.updateSourceFile(file, [s])).forEach((n) => imports.add(n));
    topLevelNames(file).filter((n) => !imports.has(n)).forEach((n) => notebookNames.add(n));
  }
  const facts = cells.map((c, i) => (c.id === parametersCell ? undefined : cellFacts(c.source, i, imports, notebookNames)));
  const paramIndex = cells.findIndex((c) => c.id === parametersCell);
  const declarations = new Map<string, Declaration[]>();
  for (const p of parameters) declarations.set(p, [{ name: p, cell: paramIndex, constant: true, bound: { kind: "primitive" }, strong: new Set(), weak: new Set(), generatorMade: false, callees: new Set() }]);
  facts.forEach((f) => f?.declarations.forEach((d) => declarations.set(d.name, [...(declarations.get(d.name) ?? []), d])));
  const importCell = new Map<string, number>();
  facts.forEach((f, i) => f?.names.declares.filter((n) => imports.has(n)).forEach((n) => importCell.set(n, i)));

  // factories: functions whose calls may return a new generator; generators: values made by a
  // factory or holding a generator (strong flows only)
  const factories = new Set<string>();
  const generators = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, ds] of declarations) {
      const made = ds.some((d) => d.generatorMade || [...d.callees].some((c) => factories.has(c)));
      const isFunction = ds.every((d) => d.bound.kind === "function");
      if (made && isFunction && !factories.has(name)) {
        factories.add(name);
        changed = true;
      }
      if (!isFunction && !generators.has(name) && (made || ds.some((d) => [...d.strong].some((s) => generators.has(s))))) {
        generators.add(name);
        changed = true;
      }
    }
  }

  const assigned = new Set(facts.flatMap((f) => (f ? [...f.assigned] : [])));
  const firstTouch = new Map<string, number>();
  facts.forEach((f, i) => f?.touched.forEach((n) => firstTouch.has(n) || firstTouch.set(n, i)));
  const candidates = new Set<string>();
  for (const [name, ds] of declarations) {
    const d = ds[0];
    const early = (firstTouch.get(name) ?? Infinity) < d.cell;
    if (ds.length === 1 && d.constant && d.bound.kind !== "other" && !assigned.has(name) && !generators.has(name) && !early) candidates.add(name);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of candidates) {
      const bound = declarations.get(name)![0].bound;
      const known = (n: string) => candidates.has(n) || imports.has(n) || !declarations.has(n);
      if (bound.kind === "function" && ![...bound.reads].every(known)) {
        candidates.delete(name);
        changed = true;
      }
    }
  }
  const mutable = (n: string) => declarations.has(n) && !candidates.has(n) && !(imports.has(n) && !notebookNames.has(n));

  // functions whose calls write nothing (greatest fixpoint: a cycle of read-only functions is read-only)
  const readOnly = new Set<string>();
  for (const [name, ds] of declarations) {
    const b = ds[0].bound;
    if (ds.length === 1 && ds[0].constant && !assigned.has(name) && b.kind === "function" && b.readOnly && ![...b.libraryArguments].some((n) => generators.has(n))) readOnly.add(name);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of readOnly) {
      const b = declarations.get(name)![0].bound as Body;
      if (![...b.calls].every((c) => readOnly.has(c))) {
        readOnly.delete(name);
        changed = true;
      }
    }
  }
  for (const f of facts) {
    for (const { callee, calleeFlows, args } of f?.notebookCalls ?? []) {
      const handedGenerators = [...args.strong, ...args.weak].filter((n) => generators.has(n));
      handedGenerators.forEach((n) => f!.writes.add(n));
      if (readOnly.has(callee)) continue;
      for (const n of [...calleeFlows.strong, ...args.strong, ...args.weak]) f!.writes.add(n);
      f!.joins.push([new Set([...calleeFlows.strong, ...args.strong]), args.weak]);
    }
  }

  const classes = new Classes();
  for (const f of facts) {
    for (const [strong, weak] of f?.joins ?? []) {
      const members = [...strong, ...[...weak].filter((n) => !generators.has(n))].filter(mutable);
      for (let k = 1; k < members.length; k++) classes.union(members[0], members[k]);
    }
  }

  // binding a name anew changes what a function reading it does: a write to its class
  const captured = new Set(facts.flatMap((f) => (f ? [...f.captured] : [])));
  for (const f of facts) for (const n of f?.rebinds ?? []) if (captured.has(n)) f!.writes.add(n);
  const touches = facts.map((f) => {
    const reads = new Set<string>();
    const writes = new Set<string>();
    const declares = new Set([...(f?.declarations.map((d) => d.name) ?? []), ...(f?.rebinds ?? [])]);
    if (!f) return { reads, writes, declares };
    for (const n of f.touched) if (mutable(n)) reads.add(classes.find(n));
    for (const n of f.writes) if (mutable(n)) writes.add(classes.find(n));
    for (const n of f.libraryArguments) if (generators.has(n) && mutable(n)) writes.add(classes.find(n));
    return { reads, writes, declares };
  });

  /**
   * The names what a cell leaves to later cells may depend on: those touched by its statements
   * with a lasting effect (a declaration, a change, a generator handed on, a call that may
   * change something), and, within the cell, by the statements declaring what those touch.
   * Its other statements only print or show.
   */
  const left = (f: CellFacts): Set<string> => {
    const lasting = (st: StatementFacts) =>
      st.declared.size > 0 || [...st.writes].some(mutable) || [...st.libraryArguments].some((n) => generators.has(n)) ||
      st.calls.some((c) => !readOnly.has(c.callee) || [...c.args.strong, ...c.args.weak].some((n) => generators.has(n)));
    const names = new Set(f.statements.filter(lasting).flatMap((st) => [...st.touched]));
    for (let changed = true; changed; ) {
      changed = false;
      for (const st of f.statements) {
        if (![...st.declared].some((n) => names.has(n)) || [...st.touched].every((n) => names.has(n))) continue;
        st.touched.forEach((n) => names.add(n));
        changed = true;
      }
    }
    return names;
  };

  return {
    cells: cells.map((c, j) => {
      const needs = new Set<number>();
      const f = facts[j];
      const read = new Set(f ? [...f.touched] : []);
      for (const n of read) {
        if (mutable(n)) continue;
        const d = declarations.get(n)?.[0];
        if (d && d.cell < j) needs.add(d.cell);
        const i = importCell.get(n);
        if (i !== undefined && i < j) needs.add(i);
      }
      for (let i = 0; i < j; i++) {
        const a = touches[i], b = touches[j];
        const names = [...a.declares].some((n) => mutable(n) && (read.has(n) || b.declares.has(n))) || [...b.declares].some((n) => facts[i]?.touched.has(n));
        const conflict = names || [...b.writes].some((k) => a.reads.has(k) || a.writes.has(k)) || [...a.writes].some((k) => b.reads.has(k));
        if (conflict) needs.add(i);
      }
      return {
        id: c.id,
        needs: [...needs].sort((x, y) => x - y).map((i) => cells[i].id),
        parameters: parameters.filter((p) => read.has(p)),
        passes: f ? parameters.filter((p) => left(f).has(p)) : [],
      };
    }),
  };
}

/** The graph of the kernel's own order, every cell needing every earlier one: always sound. */
export function inOrder(cells: readonly SourceCell[], parametersCell: string | undefined, parameters: readonly string[]): DependencyGraph {
  return {
    cells: cells.map((c, j) => {
      const read = c.id === parametersCell ? [] : [...parameters];
      return { id: c.id, needs: cells.slice(0, j).map((e) => e.id), parameters: read, passes: read };
    }),
  };
}
