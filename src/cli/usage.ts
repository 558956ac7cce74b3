/**
 * The help texts of the command-line program.
 *
 * @module
 */

/** The commands the program knows. */
export type CommandName = 'rules' | 'itemsets' | 'value' | 'clv-fit' | 'analyze';

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

const VALUE_HELP = `Usage: crm-mining value <file> --customer COL --date COL --amount COL [options]

Summarises a transaction log (one row per purchase: customer, date, amount) per customer: recency,
frequency and monetary value (total spend), RFM scores 1-5 (quintiles; ties share the average rank) and
the segment named from R and F (Champions, Loyal, At risk, Lost, ...), and the ABC tier by total spend
(A: the customers making the first 80% of spend, B: the next 15%, C: the rest). With --clv it also fits
the BG/NBD purchase model and the Gamma-Gamma spend model on the same transactions, in weeks.

Columns (a name from the header, or a 1-based position: 1, 2, 3, ...):
  --customer COL       the customer id
  --date COL           the purchase date
  --amount COL         the amount (a negative amount is a refund; see --refunds)

Input:
  --format F           csv | whitespace (default csv). whitespace: fields separated by spaces or tabs,
                       such as CDNOW_master.txt; a first line with no number in it is the header,
                       otherwise the columns are named 1, 2, 3, ...
  --delimiter C        csv field delimiter; "tab" or \\t for a tab (default ,)
  --date-format F      yyyymmdd | iso (YYYY-MM-DD) (default: 8-digit values as yyyymmdd, others as iso)
  --observation-date D the date YYYY-MM-DD recency and tenure are measured to (default: the day of the
                       last purchase in the file); a purchase after it is an error
  --unit U             days | weeks | months | years, the unit of recency (default days)
  --refunds R          error | drop | net: a negative amount is an error, is ignored, or is subtracted
                       from the customer's spend (default error)
  --clv                also fit BG/NBD and Gamma-Gamma (repeat purchases on distinct days, in weeks;
                       Gamma-Gamma on the customers with repeat purchases and their mean repeat spend)

Output:
  --top N              list the top N customers by spend in the table (default 10; the JSON lists all)
  --json               print one JSON object instead of tables
  -o, --output FILE    also write every customer's row to FILE.csv, or the JSON object to FILE.json
                       (written atomically)
  -h, --help           show this help

JSON: { "customers": N, "rows": [ { "customer", "recency", "frequency", "monetary", "r", "f", "m",
        "segment", "abc" } ] }, with --clv also "bgnbd": { "r", "alpha", "a", "b", "logLikelihood" }
        and "gammaGamma": { "p", "q", "v" }; rows in order of first appearance in the file.

Example:
  crm-mining value CDNOW_master.txt --format whitespace --customer 1 --date 2 --amount 4 \\
    --date-format yyyymmdd --clv
`;

const CLV_FIT_HELP = `Usage: crm-mining clv-fit <summary.csv> --frequency COL --recency COL --T COL [--monetary COL] [options]

Fits the BG/NBD model (Fader, Hardie & Lee 2005) by maximum likelihood from a per-customer summary table,
and with --monetary the Gamma-Gamma spend model, and prints their parameters. Time is in the table's unit
(the CDNOW summaries use weeks).

Columns (names from the CSV header):
  --frequency COL      x, the number of repeat purchases (an integer >= 0)
  --recency COL        t_x, the time from the first to the last purchase (0 when x = 0)
  --T COL              T, the time from the first purchase to the end of observation
  --monetary COL       the mean value of the repeat purchases (Gamma-Gamma; rows with x = 0 are left out)

Options:
  --delimiter C        CSV field delimiter (default ,)
  --json               print one JSON object instead of tables
  -o, --output FILE    also write the parameters to FILE.csv or FILE.json (written atomically)
  -h, --help           show this help

JSON: { "bgnbd": { "r", "alpha", "a", "b", "logLikelihood" }, "gammaGamma": { "p", "q", "v" } }
      ("gammaGamma" only with --monetary)

Example:
  crm-mining clv-fit cdnow_customers_summary_with_transactions.csv --frequency x --recency t_x --T T \\
    --monetary zbar --json
`;

const ANALYZE_HELP = `Usage: crm-mining analyze [--data FILE] [--out DIR] [options]

Runs the CRM analysis job on the IBM Telco customer-churn sample (what \`npm start\` runs): each customer
is a basket of the services they subscribe to, their contract type, a first-year flag and whether they
churned; the job mines association rules (service bundles for cross-selling, and the profiles that go
with churn). It then values the customers (the data has no purchase dates): group lifetime value by
contract type, with the monthly churn rate estimated as churners / customer-months of tenure, lifetime
T = min(1 / churn rate, horizon) and margin = monthly charges × margin share; ABC / Pareto tiers by total
charges with the Gini coefficient; and the value matrix (current × future value: VIP, grow, maintain,
abandon) of the current customers. It prints the results and writes every result to the output folder.

Options:
  --data FILE          the Telco churn CSV (default examples/data/telco-churn.csv)
  --out DIR            the output folder, created when missing (default out)
  --margin-share S     the share of the charges that is margin, in (0, 1] (default 1: revenue-based,
                       as the data has no costs)
  --discount-rate D    yearly discount rate, > -1 (default 0.08); applied monthly as (1 + D)^(1/12) - 1
  --horizon M          cap on the expected customer lifetime, in months (default 120)
  -h, --help           show this help
`;

const MAIN_HELP = `crm-mining: analytical CRM from the command line (association rules for cross-selling, customer value).

Usage:
  crm-mining rules <file> --min-support S [options]      mine association rules
  crm-mining itemsets <file> --min-support S [options]   mine frequent itemsets
  crm-mining value <file> --customer C --date D --amount A [options]
                                                         RFM, ABC tiers (and BG/NBD with --clv) per customer
  crm-mining clv-fit <summary.csv> --frequency X --recency R --T T [--monetary M]
                                                         fit BG/NBD (and Gamma-Gamma) from a summary table
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
    case 'value':
      return VALUE_HELP;
    case 'clv-fit':
      return CLV_FIT_HELP;
    case 'analyze':
      return ANALYZE_HELP;
    default:
      return MAIN_HELP;
  }
}
