/**
 * The help texts of the command-line program.
 *
 * @module
 */

/** The commands the program knows. */
export type CommandName = 'rules' | 'itemsets' | 'analyze';

const MINING_OPTIONS = `Input:
  --format F           basket | fimi | long | arff | table (default basket)
                         basket: one transaction per line, items separated by --delimiter
                         fimi:   one transaction per line, items separated by spaces (FIMI .dat)
                         long:   CSV rows "transaction,item" with a header row
                         table:  CSV with a header; each cell becomes the item "column=value"
                         arff:   Weka ARFF; each value becomes the item "attribute=value"
  --delimiter C        item delimiter (basket) or field delimiter (long, table); "tab" or \\t for a tab
                       (default ,)
  --columns A,B        table/arff: use only these columns (default: all)
  --exclude A,B        table/arff: leave these columns out, e.g. an id column (default: none)
  --numeric M          table/arff: error | skip | item, what a numeric column gives (default error)

Mining:
  --min-support S      minimum support, a fraction in (0, 1]: frequent when count/N >= S
  --min-count N        or: minimum support as a number of transactions (give one of the two)
  --max-length N       mine itemsets of at most N items (default: no limit)
  --algorithm A        fpgrowth | apriori (default fpgrowth; both give the same result)`;

const OUTPUT_OPTIONS = `Output:
  --top N              list only the first N (the counts in the summary and JSON stay complete;
                       --output writes the listed ones)
  --json               print one JSON object instead of a table
  -o, --output FILE    also write the listed result to FILE.csv or FILE.json (written atomically)
  -h, --help           show this help`;

const RULES_HELP = `Usage: crm-mining rules <file> --min-support S [options]

Mines association rules X => Y from a transaction file and prints them, strongest first.

${MINING_OPTIONS}

Rules:
  --min-confidence C   minimum confidence in [0, 1] (default 0.8)
  --consequents K      single (one item on the right, as arules and Weka) | any (default single)
  --sort M             sort high to low by lift | confidence | support | count | leverage | conviction |
                       zhang | jaccard | certainty | kulczynski (default lift)

${OUTPUT_OPTIONS}

JSON: { "transactions": N, "itemsets": N, "rules": [ { "antecedent": [..], "consequent": [..], "count": N,
        "support": x, "confidence": x, "lift": x, "leverage": x, "conviction": x, "zhang": x, "jaccard": x,
        "certainty": x, "kulczynski": x } ] }   (a conviction of +Infinity is the string "Infinity")

Example:
  crm-mining rules groceries.csv --min-support 0.001 --min-confidence 0.8 --top 10
`;

const ITEMSETS_HELP = `Usage: crm-mining itemsets <file> --min-support S [options]

Mines the frequent itemsets of a transaction file and prints them by support, highest first.

${MINING_OPTIONS}

${OUTPUT_OPTIONS}

JSON: { "transactions": N, "itemsets": [ { "items": [..], "count": N, "support": x } ] }

Example:
  crm-mining itemsets retail.dat --format fimi --min-support 0.01 --json
`;

const ANALYZE_HELP = `Usage: crm-mining analyze [--data FILE] [--out DIR]

Runs the CRM analysis job on the IBM Telco customer-churn sample (what \`npm start\` runs): each customer
is a basket of the services they subscribe to, their contract type, a first-year flag and whether they
churned; the job mines association rules (service bundles for cross-selling, and the profiles that go
with churn), prints the strongest and writes every result to the output folder.

Options:
  --data FILE          the Telco churn CSV (default examples/data/telco-churn.csv)
  --out DIR            the output folder, created when missing (default out)
  -h, --help           show this help
`;

const MAIN_HELP = `crm-mining: analytical CRM from the command line (association rules for cross-selling).

Usage:
  crm-mining rules <file> --min-support S [options]      mine association rules
  crm-mining itemsets <file> --min-support S [options]   mine frequent itemsets
  crm-mining analyze [--data FILE] [--out DIR]           run the CRM analysis job on the bundled data
  crm-mining help [command]                              show help (also: --help, -h)
  crm-mining --version                                   show the version

Run 'crm-mining help <command>' for a command's options.

Exit status: 0 success; 1 the command failed (bad data, missing file, bad option value); 2 the command line
was wrong (unknown command or option, missing <file>, a value that is not a number).
`;

/** The help text of one command, or of the whole program when `command` is undefined. */
export function commandHelp(command?: CommandName): string {
  switch (command) {
    case 'rules':
      return RULES_HELP;
    case 'itemsets':
      return ITEMSETS_HELP;
    case 'analyze':
      return ANALYZE_HELP;
    default:
      return MAIN_HELP;
  }
}
