//! The documents: the generated references in `docs/reference/` match what
//! deckgen says about itself, and every relative link in the repository's
//! Markdown files leads to a file and a heading that exist.
//!
//! `docs/reference/deck.md` comes from the JSON Schema (`deckgen schema`,
//! whose descriptions are the doc comments in `src/model/raw.rs`), with each
//! key's example taken from the starter deck `deckgen init` writes, which
//! shows every key. `docs/reference/cli.md` is each command's `--help`,
//! from clap. Regenerate both after changing either with
//! `UPDATE_DOCS=1 cargo test --test integration docs::`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What the deck reference says of a key the starter deck does not show.
const NO_EXAMPLE: &str = "none in the starter deck yet";

/// How to regenerate the references, as a stale one's failure says it.
const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test integration docs::";

#[test]
fn the_deck_reference_is_up_to_date() {
    compare_or_update("docs/reference/deck.md", &deck_reference());
}

#[test]
fn the_command_line_reference_is_up_to_date() {
    compare_or_update("docs/reference/cli.md", &cli_reference());
}

#[test]
fn every_deck_key_is_in_the_reference() {
    let reference = deck_reference();
    let schema = deckgen::model::deck_schema();
    let mut keys = Vec::new();
    collect_keys(&schema, &schema, "", &mut keys);
    assert!(keys.len() > 50, "only {} keys", keys.len());
    for key in keys {
        let heading = format!("\n### `{}`\n", key.path);
        assert!(reference.contains(&heading), "`{}` is missing", key.path);
    }
}

#[test]
fn every_deck_key_has_an_example() {
    let reference = deck_reference();
    let missing: Vec<&str> = reference
        .lines()
        .filter(|line| line.contains(NO_EXAMPLE))
        .collect();
    assert!(
        missing.is_empty(),
        "keys without an example: show them in src/cli/init/deck.yaml, the starter deck:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_heading_names_a_round_or_an_issue() {
    let root = repository();
    let mut named = Vec::new();
    for file in markdown_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for heading in headings(&text) {
            if names_history(&heading) {
                let shown = file.strip_prefix(&root).unwrap().display();
                named.push(format!("{shown}: {heading}"));
            }
        }
    }
    assert!(
        named.is_empty(),
        "headings that name history (it belongs in git):\n{}",
        named.join("\n")
    );
}

/// Whether `heading` names a round, an issue or a stop of the project's history.
fn names_history(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    words.windows(2).any(|pair| {
        ["round", "issue", "stop"].contains(&pair[0])
            && !pair[1].is_empty()
            && pair[1].chars().all(|c| c.is_ascii_digit())
    }) || lower.contains("this round")
}

#[test]
fn history_in_a_heading_is_seen() {
    assert!(names_history("Printing (round 1)"));
    assert!(names_history("The PDF file's layout (issue 18)"));
    assert!(names_history("This round's features against the targets"));
    assert!(!names_history("Images: what is checked and repaired"));
    assert!(!names_history("Rounded corners"));
}

#[test]
fn every_link_in_the_documents_leads_somewhere() {
    let root = repository();
    let mut broken = Vec::new();
    for file in markdown_files(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in links(&text) {
            if let Err(problem) = resolve(&file, &target) {
                let shown = file.strip_prefix(&root).unwrap().display();
                broken.push(format!("{shown}: ({target}): {problem}"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_checker_knows_github_anchors() {
    assert_eq!(
        anchor("A slide's own colours and picture"),
        "a-slides-own-colours-and-picture"
    );
    assert_eq!(anchor("Alternative text: `alt:`"), "alternative-text-alt");
    assert_eq!(
        anchor("`theme.present.fullscreen`"),
        "themepresentfullscreen"
    );
    assert_eq!(
        anchor("`sections[].slides[].images[].alt`"),
        "sectionsslidesimagesalt"
    );
    assert_eq!(
        links("[a](b.md#c) `[not](x)` ![p](i.png \"title\")\n```\n[no](y)\n```\n"),
        ["b.md#c", "i.png"]
    );
    assert_eq!(
        links("``a `[b](x)` c`` (`![bg\nd](...)`) [e](f.md)"),
        ["f.md"]
    );
}

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `text` to `path` under `UPDATE_DOCS=1`; otherwise fails, naming
/// the first line that differs, when the file holds anything else.
fn compare_or_update(path: &str, text: &str) {
    let file = repository().join(path);
    if std::env::var("UPDATE_DOCS").as_deref() == Ok("1") {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&file).unwrap_or_default();
    if current == text {
        return;
    }
    let line = current
        .lines()
        .zip(text.lines())
        .position(|(old, new)| old != new)
        .unwrap_or_else(|| current.lines().count().min(text.lines().count()));
    panic!(
        "{path} is stale (from line {}: {:?} should be {:?}); regenerate it with `{REGENERATE}` and commit it",
        line + 1,
        current.lines().nth(line).unwrap_or("(the end of the file)"),
        text.lines().nth(line).unwrap_or("(the end of the file)"),
    );
}

// ---- The deck reference ----

/// One key of the deck format, where the schema says it is.
struct Key<'a> {
    /// As `sections[].slides[].caption`.
    path: String,
    /// The path of the mapping holding it, `` for the deck itself.
    parent: String,
    schema: &'a Value,
    required: bool,
}

/// Every key under `node`, depth first, in the order the schema gives them.
fn collect_keys<'a>(root: &'a Value, node: &'a Value, path: &str, keys: &mut Vec<Key<'a>>) {
    collect_keys_within(root, node, path, keys, &[]);
}

/// [`collect_keys`], not entering again a definition it is inside (`within`),
/// so a type that holds itself is listed once.
fn collect_keys_within<'a>(
    root: &'a Value,
    node: &'a Value,
    path: &str,
    keys: &mut Vec<Key<'a>>,
    within: &[&'a str],
) {
    let mut within = within.to_vec();
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        if within.contains(&reference) {
            return;
        }
        within.push(reference);
    }
    let node = resolve_ref(root, node);
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (name, schema) in properties {
            let key_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            keys.push(Key {
                path: key_path.clone(),
                parent: path.to_string(),
                schema,
                required: required.contains(&name.as_str()),
            });
            collect_keys_within(root, schema, &key_path, keys, &within);
        }
    }
    if let Some(items) = node.get("items") {
        collect_keys_within(root, items, &format!("{path}[]"), keys, &within);
    }
    for branch in ["anyOf", "oneOf", "allOf"] {
        for option in node
            .get(branch)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect_keys_within(root, option, path, keys, &within);
        }
    }
}

/// `node`, or the definition its `$ref` names.
fn resolve_ref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            match root.get("definitions").and_then(|d| d.get(name)) {
                Some(definition) => definition,
                None => &root["$defs"][name],
            }
        }
        None => node,
    }
}

fn deck_reference() -> String {
    let schema = deckgen::model::deck_schema();
    let mut keys = Vec::new();
    collect_keys(&schema, &schema, "", &mut keys);
    let examples = starter_examples();
    let mut groups: BTreeMap<usize, (String, Vec<&Key>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for key in &keys {
        if !order.contains(&key.parent) {
            order.push(key.parent.clone());
        }
        let at = order.iter().position(|p| *p == key.parent).unwrap();
        groups
            .entry(at)
            .or_insert_with(|| (key.parent.clone(), Vec::new()))
            .1
            .push(key);
    }
    let mut out = String::from(
        "<!-- Generated from `deckgen schema` and the starter deck of `deckgen init`\n\
         (src/model/raw.rs, src/cli/init/deck.yaml): do not edit. Regenerate with\n\
         `UPDATE_DOCS=1 cargo test --test integration docs::`. -->\n\n\
         # The deck format, key by key\n\n\
         Every key a deck file takes, with its type, its default and an example\n\
         from the starter deck that `deckgen init` writes. A key's place is\n\
         written as a path: `theme.aspect` is `aspect` under `theme:`, and\n\
         `sections[].slides[].caption` is `caption` in an entry of a section's\n\
         `slides:`. Unknown keys are errors. How the keys work together, with\n\
         the errors deckgen gives, is in [the deck format](../deck-format.md);\n\
         the same descriptions reach editors through `deckgen schema`.\n",
    );
    out.push_str("\nMappings:\n\n");
    for (parent, _) in groups.values() {
        let title = group_title(parent);
        out.push_str(&format!("- [{title}](#{})\n", anchor(&title)));
    }
    for (parent, keys) in groups.values() {
        out.push_str(&format!("\n## {}\n\n", group_title(parent)));
        let names: Vec<String> = keys
            .iter()
            .map(|key| {
                format!(
                    "[`{}`](#{})",
                    last_name(&key.path),
                    anchor(&format!("`{}`", key.path))
                )
            })
            .collect();
        out.push_str(&format!("Keys: {}.\n", names.join(", ")));
        for key in keys {
            out.push_str(&key_entry(&schema, key, &examples, &order));
        }
    }
    out
}

fn group_title(parent: &str) -> String {
    match parent.strip_suffix("[]") {
        _ if parent.is_empty() => "The deck".to_string(),
        Some(list) => format!("In each entry of `{list}`"),
        None => format!("Under `{parent}`"),
    }
}

fn last_name(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// One key's entry; `parents` are the paths of the mappings listed.
fn key_entry(
    root: &Value,
    key: &Key,
    examples: &BTreeMap<String, Example>,
    parents: &[String],
) -> String {
    let description = key
        .schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("(no description)");
    let default = if key.required {
        "none: the key is required".to_string()
    } else {
        default_of(description).unwrap_or_else(|| "none".to_string())
    };
    let example = examples.get(&key.path).or_else(|| {
        examples
            .iter()
            .find(|(path, _)| last_name(path) == last_name(&key.path))
            .map(|(_, example)| example)
    });
    let mut shown = example.map_or(NO_EXAMPLE.to_string(), |example| code(&example.line));
    if example.is_some_and(|example| example.opens_mapping) {
        let below = [key.path.clone(), format!("{}[]", key.path)];
        if let Some(parent) = parents.iter().find(|parent| below.contains(parent)) {
            let title = group_title(parent);
            shown.push_str(&format!(", then the keys [{title}](#{})", anchor(&title)));
        }
    }
    let layouts = if key.parent.ends_with("slides[]") {
        layouts_taking(root, last_name(&key.path))
    } else {
        None
    };
    let layouts = layouts.map_or(String::new(), |names| format!("- Layouts: {names}.\n"));
    format!(
        "\n### `{}`\n\n{}\n\n- Type: {}.\n- Default: {}.\n{layouts}- Example: {}\n",
        key.path,
        description.replace('\n', " "),
        type_of(root, key.schema),
        default,
        shown
    )
}

/// The layouts that take slide key `name`, from the schema's conditions
/// (`if` a slide's `layout` is one, `then` these keys are refused); `None`
/// for a key every layout takes.
fn layouts_taking(root: &Value, name: &str) -> Option<String> {
    let mut conditions = Vec::new();
    find_conditions(root, &mut conditions);
    let mut taking = Vec::new();
    let mut refused = false;
    for condition in conditions {
        let layout = condition.pointer("/if/properties/layout/const")?.as_str()?;
        let refuses = condition
            .pointer("/then/properties")
            .and_then(Value::as_object)
            .is_some_and(|keys| keys.contains_key(name));
        if refuses {
            refused = true;
        } else {
            taking.push(format!("`{layout}`"));
        }
    }
    refused.then(|| taking.join(", "))
}

/// Every layout condition in `node`: the entries of an `allOf` with an `if`.
fn find_conditions<'a>(node: &'a Value, found: &mut Vec<&'a Value>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Array(all)) = map.get("allOf") {
                found.extend(all.iter().filter(|entry| entry.get("if").is_some()));
            }
            map.values().for_each(|child| find_conditions(child, found));
        }
        Value::Array(items) => items.iter().for_each(|child| find_conditions(child, found)),
        _ => {}
    }
}

/// `text` as a code span, fenced by enough backticks.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The default a description states: its `Default: ...` sentence, or the
/// value it marks `(the default...)`.
fn default_of(description: &str) -> Option<String> {
    let text = description.replace('\n', " ");
    if let Some(at) = text.find("Default: ") {
        let rest = &text[at + "Default: ".len()..];
        let end = rest
            .match_indices('.')
            .map(|(i, _)| i)
            .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' '))
            .unwrap_or(rest.len());
        return Some(rest[..end].to_string());
    }
    let at = text.find(" (the default")?;
    let before = &text[..at];
    let value = before.strip_suffix('`')?;
    let start = value.rfind('`')?;
    Some(format!("`{}`", &value[start + 1..]))
}

/// What a value looks like, in words.
fn type_of(root: &Value, node: &Value) -> String {
    let node = resolve_ref(root, node);
    for branch in ["anyOf", "oneOf"] {
        if let Some(options) = node.get(branch).and_then(Value::as_array) {
            let kinds: Vec<String> = options
                .iter()
                .filter(|option| option.get("type").and_then(Value::as_str) != Some("null"))
                .map(|option| type_of(root, option))
                .collect();
            return kinds.join(", or ");
        }
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        let values: Vec<String> = values
            .iter()
            .filter(|value| !value.is_null())
            .map(|value| format!("`{}`", plain(value)))
            .collect();
        return match values.as_slice() {
            [only] => only.clone(),
            _ => format!("one of {}", values.join(", ")),
        };
    }
    let kind = match node.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|kind| *kind != "null")
            .unwrap_or("null"),
        _ if node.get("properties").is_some() => "object",
        _ => "any",
    };
    let range = range_of(node);
    match kind {
        "string" => match node.get("pattern").and_then(Value::as_str) {
            Some(pattern) => format!("text matching `{pattern}`"),
            None => "text".to_string(),
        },
        "boolean" => "`true` or `false`".to_string(),
        "integer" => format!("a whole number{range}"),
        "number" => format!("a number{range}"),
        "array" => {
            let items = node
                .get("items")
                .map_or("anything".to_string(), |items| type_of(root, items));
            let count = match (
                node.get("minItems").and_then(Value::as_u64),
                node.get("maxItems").and_then(Value::as_u64),
            ) {
                (Some(min), Some(max)) if min == max => format!("{min} items"),
                (Some(min), Some(max)) => format!("{min} to {max} items"),
                (Some(1), None) => "one or more items".to_string(),
                (Some(min), None) => format!("{min} or more items"),
                _ => "items".to_string(),
            };
            format!("a list of {count}, each {items}")
        }
        "object" => "a mapping".to_string(),
        other => other.to_string(),
    }
}

/// ` from 1 to 1440`, ` over 0, at most 10`, or nothing.
fn range_of(node: &Value) -> String {
    let number = |name: &str| node.get(name).map(plain);
    match (
        number("minimum"),
        number("exclusiveMinimum"),
        number("maximum"),
    ) {
        (Some(min), _, Some(max)) => format!(" from {min} to {max}"),
        (_, Some(min), Some(max)) => format!(" over {min}, at most {max}"),
        (Some(min), _, None) => format!(", at least {min}"),
        (_, Some(min), None) => format!(" over {min}"),
        (None, None, Some(max)) => format!(", at most {max}"),
        (None, None, None) => String::new(),
    }
}

/// A JSON value as written in YAML: strings without quotes, whole
/// numbers without a fraction.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => match number.as_f64() {
            Some(float) if float.fract() == 0.0 && float.abs() < 1e15 => {
                format!("{}", float as i64)
            }
            _ => number.to_string(),
        },
        other => other.to_string(),
    }
}

/// A key as the starter deck shows it.
struct Example {
    /// The line, from the key on, with its comment.
    line: String,
    /// Whether the key has no value on its line: the lines under it hold it.
    opens_mapping: bool,
}

/// The starter deck's line for each key path, commented-out keys included:
/// the first line that sets the key, as written there.
fn starter_examples() -> BTreeMap<String, Example> {
    let text = std::fs::read_to_string(repository().join("src/cli/init/deck.yaml")).unwrap();
    let mut examples = BTreeMap::new();
    // The keys above the current line: indentation, name, and whether it holds a list.
    let mut open: Vec<(usize, String, bool)> = Vec::new();
    for line in text.lines() {
        let (indent, content) = match line.find('#') {
            Some(hash) if line[..hash].trim().is_empty() => {
                let rest = &line[hash + 1..];
                let rest = rest.strip_prefix(' ').unwrap_or(rest);
                let extra = rest.len() - rest.trim_start().len();
                (hash + extra, rest.trim_start())
            }
            _ => (line.len() - line.trim_start().len(), line.trim_start()),
        };
        let (indent, content, item) = match content.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest, true),
            None => (indent, content, false),
        };
        let (name, value) = content.split_once(':').unwrap_or((content, "-"));
        let is_key = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && (value.is_empty() || value.starts_with(' '));
        if !is_key {
            // A list item that is a bare value (`- images/picture.png`).
            if item {
                if let Some(parent) = open.iter_mut().rev().find(|(at, _, _)| *at < indent) {
                    parent.2 = true;
                }
            }
            continue;
        }
        while open.last().is_some_and(|(at, _, _)| *at >= indent) {
            open.pop();
        }
        if item {
            if let Some(parent) = open.last_mut() {
                parent.2 = true;
            }
        }
        let mut path = String::new();
        for (_, parent, list) in &open {
            path.push_str(parent);
            path.push_str(if *list { "[]." } else { "." });
        }
        path.push_str(name);
        let written = match value.split_once(" #") {
            Some((value, comment)) => format!("{name}:{}  #{comment}", value.trim_end()),
            None => format!("{name}:{}", value.trim_end()),
        };
        examples.entry(path).or_insert(Example {
            line: written,
            opens_mapping: value
                .split(" #")
                .next()
                .unwrap_or_default()
                .trim()
                .is_empty(),
        });
        open.push((indent, name.to_string(), false));
    }
    examples
}

// ---- The command-line reference ----

fn deckgen_help(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run deckgen");
    assert!(output.status.success(), "deckgen {args:?} failed");
    // clap leaves spaces on some blank lines; the document keeps none.
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines()
        .map(|line| line.trim_end().to_string() + "\n")
        .collect()
}

fn cli_reference() -> String {
    let main = deckgen_help(&["--help"]);
    let commands: Vec<String> = main
        .split("\nCommands:\n")
        .nth(1)
        .expect("`deckgen --help` lists its commands")
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    let mut out = String::from(
        "<!-- Generated from deckgen's `--help` (clap, src/cli/): do not edit.\n\
         Regenerate with `UPDATE_DOCS=1 cargo test --test integration docs::`. -->\n\n\
         # The command line, flag by flag\n\n\
         What `deckgen --help` and each command's `--help` print. What the\n\
         commands do, their output files, exit status and messages are in\n\
         [the deck format](../deck-format.md#the-command-line).\n\n\
         ## `deckgen`: build a deck\n\n```text\n",
    );
    out.push_str(&main);
    out.push_str("```\n");
    for command in commands {
        out.push_str(&format!("\n## `deckgen {command}`\n\n```text\n"));
        out.push_str(&deckgen_help(&[&command, "--help"]));
        out.push_str("```\n");
    }
    out
}

// ---- Links ----

/// The repository's own Markdown files: not the build's, fuzzing's corpus,
/// or the Markdown decks the tests build.
fn markdown_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let skipped = [
                "target",
                ".git",
                "out",
                "fuzz/corpus",
                "fuzz/artifacts",
                "fuzz/target",
                "tests/fixtures/markdown",
                // Real talks, kept as found: their pictures come with fetch.sh.
                "tests/fixtures/talks/decks",
                "tests/fixtures/talks/fetched",
            ];
            if skipped.contains(&relative.as_str()) {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, found);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(root, root, &mut found);
    found.sort();
    found
}

/// The targets of `text`'s inline links and pictures, outside code.
fn links(text: &str) -> Vec<String> {
    let prose = without_code(text);
    let mut found = Vec::new();
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or_default();
        found.push(target.to_string());
        rest = &after[end..];
    }
    found
}

/// `text` without its fenced code blocks and code spans (a span opens with
/// a run of backticks and closes at the next run as long, across lines).
fn without_code(text: &str) -> String {
    let mut outside_fences = String::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence {
            outside_fences.push_str(line);
            outside_fences.push('\n');
        }
    }
    let mut prose = String::new();
    let mut rest = outside_fences.as_str();
    while let Some(open) = rest.find('`') {
        prose.push_str(&rest[..open]);
        let run = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let fence = &rest[open..open + run];
        let inside = &rest[open + run..];
        // The closing run: the same number of backticks, not part of a longer run.
        let close = inside.match_indices(fence).map(|(i, _)| i).find(|&i| {
            !inside[i + run..].starts_with('`') && (i == 0 || !inside[..i].ends_with('`'))
        });
        match close {
            Some(close) => rest = &inside[close + run..],
            None => {
                prose.push_str(fence);
                rest = inside;
            }
        }
    }
    prose.push_str(rest);
    prose
}

/// Whether `target`, linked from `file`, is a file (and heading) that exists.
fn resolve(file: &Path, target: &str) -> Result<(), String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return Ok(());
    }
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target, None),
    };
    let linked = if path.is_empty() {
        file.to_path_buf()
    } else {
        file.parent().unwrap().join(path)
    };
    if !linked.exists() {
        return Err("no such file".to_string());
    }
    let Some(fragment) = fragment else {
        return Ok(());
    };
    if linked.extension().is_none_or(|e| e != "md") {
        return Ok(());
    }
    let text = std::fs::read_to_string(&linked).unwrap();
    if headings(&text)
        .iter()
        .any(|heading| anchor(heading) == fragment)
    {
        Ok(())
    } else {
        Err(format!("no heading makes the anchor `#{fragment}`"))
    }
}

/// The headings of a Markdown text, outside code blocks.
fn headings(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            found.push(line.trim_start_matches('#').trim().to_string());
        }
    }
    found
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped,
/// spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}
