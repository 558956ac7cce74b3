/**
 * The help texts of the command-line program.
 *
 * @module
 */

/** The commands the program knows. */
export type CommandName = 'rules' | 'itemsets' | 'value' | 'clv-fit' | 'segments' | 'outliers' | 'tree' | 'recommend' | 'churn' | 'report' | 'analyze';

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

const SEGMENTS_HELP = `Usage: crm-mining segments <file.csv> [--columns A,B,C] [--k N | --k auto --k-range 2..10] [options]

Customer segmentation: k-means on numeric columns of a CSV file (one customer per row), each column
scaled first; prints each segment's size, share and mean per column (with its difference from all
customers in standard deviations) and a one-line description.

Options:
  --columns A,B,C      the feature columns (default: every numeric column); a missing value is an error
  --k N | auto         the number of segments, or auto: the k with the best silhouette (default auto)
  --k-range MIN..MAX   the k tried with --k auto (default 2..10)
  --scale S            standard (z-scores) | minmax ([0, 1]) | none (default standard); constant columns
                       are left unscaled
  --n-init N           k-means restarts, the lowest inertia kept (default 10)
  --seed S             random seed, an integer (default 42); the same seed gives the same segments
  --algorithm A        hamerly | lloyd | elkan (exact, identical results) | minibatch (default hamerly)
  --delimiter C        CSV field delimiter (default ,)
  --json               print one JSON object instead of tables
  -o, --output FILE    also write FILE.csv (row, segment) or FILE.json (the JSON object), atomically
  -h, --help           show this help

JSON: { "k", "inertia", "silhouette", "iterations", "labels": [..], "centroids": [[..]], "columns": [..],
        "centroidsOriginal": [[..]], "kScores": [ { "k", "inertia", "silhouette", "daviesBouldin",
        "calinskiHarabasz" } ] }
      inertia and centroids are in the scaled space (with --scale none, the raw one); centroidsOriginal are
      the segment means in the columns' units; silhouette is exact up to 10,000 rows, else on a seeded
      10,000-row sample, and null for k = 1; kScores only with --k auto.

Example:
  crm-mining segments customers.csv --columns tenure,MonthlyCharges,TotalCharges --k auto --k-range 2..8
`;

const OUTLIERS_HELP = `Usage: crm-mining outliers <file.csv> --method M [--columns A,B,C] [options]

Scores every row of a CSV file for how anomalous it is (higher = more anomalous) and labels the most
anomalous ones as outliers.

Options:
  --method M           iforest | lof | knn | zscore | mad | iqr | mahalanobis (required)
                         iforest:     Isolation Forest, 100 trees of 256 rows (seeded)
                         lof:         Local Outlier Factor, k = 20 neighbours
                         knn:         distance to the k-th nearest neighbour, k = 5
                         zscore:      largest |z-score| over the columns (natural cut-off 3)
                         mad:         largest modified z-score 0.6745 (x - median) / MAD (cut-off 3.5)
                         iqr:         largest distance beyond the quartiles in IQRs (Tukey fence 1.5)
                         mahalanobis: squared Mahalanobis distance (cut-off chi-square 0.975)
                       knn and lof standardise the columns first (z-scores; constant columns centred only)
  --columns A,B        the feature columns (default: every numeric column except the --label column)
  --contamination X    label this share of the rows as outliers, in (0, 0.5] (default 0.1 for iforest, lof,
                       knn; the natural cut-off for the others)
  --threshold T        or: label rows whose score is above T
  --k N                neighbours for knn (default 5) and lof (default 20)
  --robust             mahalanobis: robust covariance (Minimum Covariance Determinant, FastMCD)
  --seed S             random seed for iforest and --robust (default 42)
  --label COL          a 0/1 column (1 = known outlier), left out of the features; adds the ROC-AUC
  --delimiter C        CSV field delimiter (default ,)
  --top N              rows listed in the table, highest scores first (default 10; the JSON lists all)
  --json               print one JSON object instead of a table
  -o, --output FILE    also write FILE.csv (row, score, outlier) or FILE.json (the JSON object), atomically
  -h, --help           show this help

A missing or non-numeric value in a feature column is an error naming its data row and column.

JSON: { "scores": [..], "labels": [..], "rocAuc" (with --label), "method", "columns", "threshold",
        "contamination" }   labels: 1 = outlier; one entry per data row, in file order

Example:
  crm-mining outliers cardio.csv --method iforest --label label --seed 1
`;

const TREE_HELP = `Usage: crm-mining tree <file> --target COL [options]

Learns a CART decision tree that predicts the class in column COL from the other columns, and prints it
as IF-THEN rules (one per leaf, with its count and confidence). Number columns are numeric features;
text, yes/no and ARFF nominal columns are categorical features, split natively by subsets of their
values (no one-hot). Empty cells, NA and ? are missing values: each split sends them to the side that
fits them best.

Input:
  --target COL         the class column (required)
  --format F           csv | arff (default: arff for a .arff file, else csv)
  --drop A,B           leave these columns out, e.g. an id column (default: none)

Tree:
  --criterion C        gini | entropy | gain-ratio (default gini)
  --max-depth N        the deepest a leaf may be, the root being depth 0 (default: no limit)
  --min-samples-leaf N each leaf keeps at least N training rows (default 1)
  --ccp-alpha X        minimal cost-complexity pruning strength, >= 0 (default 0: no pruning)

Evaluation:
  --cv K               also report K-fold stratified cross-validated accuracy (default: none)
  --seed S             seed of the folds (default 42); the same seed gives the same folds

Output:
  --json               print {"classes", "cv" (with --cv), "rules": [{"conditions", "class", "count",
                       "confidence"}]} instead of text
  -h, --help           show this help

Example:
  crm-mining tree customers.csv --target Churn --drop customerID --max-depth 4 --min-samples-leaf 50 --cv 10
`;

const REPORT_HELP = `Usage: crm-mining report [--input FILE] [column flags] [--transactions FILE] [--out DIR] [options]

Runs every analysis of the library on a customer table (by default the IBM Telco customer-churn sample,
what \`npm start\` runs) and writes DIR/index.html: one self-contained page (no network needed to open it)
with a section per analysis, its tables, key figures and charts. Each customer is a basket of the services
they subscribe to, their contract type, a first-year flag and whether they churned; association rules give
the service bundles for cross-selling and the profiles that go with churn. Then it values the customers
(group lifetime value by contract type, with the monthly churn rate estimated as churners / customer-months
of tenure, lifetime T = min(1 / churn rate, horizon) and margin = monthly charges × margin share; ABC /
Pareto tiers by total charges with the Gini coefficient; the value matrix of the current customers),
segments them (k-means, k by silhouette), fits a churn decision tree and the neural churn model (AUC, lift,
the profit-maximising threshold, the riskiest customers and why), finds unusual customers (Isolation
Forest), and picks a next-best offer per current customer from a hybrid recommender under a capacity. It
prints the findings, shows progress per step on standard error, and writes every result as a CSV file
next to the page. A step the data does not allow (too few rows, a column it needs is missing) is shown
as not available, with the reason; the rest of the report is still written. The page is written whole
or not at all.

Input:
  --input FILE         the customer table, a CSV with a header row (default examples/data/telco-churn.csv;
                       --data FILE is the older name)
  --out DIR            the output folder, created when missing (default report)

Your own columns (each names a column of FILE that plays a Telco role; default: the Telco name):
  --id COL             customer id (customerID)
  --churn COL          whether the customer left (Churn)
  --churn-yes VALUE    the --churn value that means "left"; every other value means "stayed" (default Yes)
  --tenure COL         months as a customer (tenure)
  --monthly COL        monthly charges (MonthlyCharges)
  --total COL          total charges so far (TotalCharges)
  --contract COL       contract type, any values, used as found (Contract; Telco's are Month-to-month,
                       One year and Two year)
  --internet COL       internet service: DSL, Fiber optic or No (InternetService)
  --services A,B,..    your yes/no service columns, analysed under their own names (the service items,
                       churn profiles, segment service count, churn tree and model, and offers; the
                       churn tree and model see each cell as Yes or No); a cell is yes/no, true/false,
                       1/0 or y/n (any case), or "No phone service" / "No internet service" for one
                       the customer cannot have; any other value is an error naming the column and
                       row. With your own services the internet column is optional and every listed
                       service can be offered (default: the Telco services PhoneService,
                       MultipleLines, OnlineSecurity, OnlineBackup, DeviceProtection, TechSupport,
                       StreamingTV, StreamingMovies; PhoneService is held but not offered)

Purchase log for the RFM section (optional):
  --transactions FILE  a CSV with one row per purchase
  --tx-customer COL    its customer id column (default customer)
  --tx-date COL        its date column, YYYY-MM-DD or YYYYMMDD (default date)
  --tx-amount COL      its amount column (default amount)

Assumptions:
  --margin-share S     the share of the charges that is margin, in (0, 1] (default 1: revenue-based,
                       as the data has no costs)
  --discount-rate D    yearly discount rate, > -1 (default 0.08); applied monthly as (1 + D)^(1/12) - 1
  --horizon M          cap on the expected customer lifetime, in months (default 120)
  -h, --help           show this help

Fails (exit 1, no report written) when FILE is missing or has no data rows, a column flag names a column
FILE does not have (the message suggests the closest name when one is close), a flag's value is out of
range, --out names a file, or no analysis can run on the data.

Examples:
  crm-mining report
  crm-mining report --input customers.csv --id client --churn left --churn-yes 1 --out my-report
  crm-mining report --input customers.csv --services Newsletter,Insurance,Support --out my-report
`;

const ANALYZE_HELP = REPORT_HELP.replace('Usage: crm-mining report', 'Usage: crm-mining analyze').replace(
  '\n\nRuns every analysis',
  '\n\nThe older name of \`crm-mining report\` (same flags, same output).\nRuns every analysis',
);

const RECOMMEND_HELP = `Usage: crm-mining recommend <file> --user COL --item COL [options]

Evaluates a recommender on user-item interactions (k-fold cross-validation, or a separate test file) and
prints RMSE/MAE (for families that predict ratings) and precision, recall and NDCG at k, catalogue coverage
and the fitting time; with --for USER, prints that user's top-k recommendations with reasons instead.

Options:
  --user COL            the user-id column (a 1-based position with --no-header)
  --item COL            the item-id column
  --rating COL          the rating (or count) column; without it the data is implicit (each row counts 1)
  --timestamp COL       the timestamp column (optional)
  --format F            csv, tsv or whitespace (default csv)
  --no-header           the first line is data; columns are named by position 1, 2, 3, ...
  --algorithm A         popularity, baseline, user-knn, item-knn, knn-baseline, svd, als, content,
                        demographic or hybrid (default svd for ratings, als for implicit data).
                        hybrid = weighted hybrid of als (weight 1) and popularity (weight 0.5).
                        content (needs --items) = content-based: cosine between an item's attributes,
                        tags and text (TF-IDF) and the profile of what the user consumed (ratings centred
                        on the user's mean). demographic (needs --users) = what users with the same
                        attribute values consume, shrunk toward global popularity. Neither predicts
                        ratings, so they report no rmse/mae.
  --items FILE          a file of item attributes, one row per item (a CSV with a header row unless
                        --items-format / --items-no-header say otherwise). content: the id column, then
                        attribute columns (each value, numbers included, is a category: genre=Drama).
                        Any other algorithm reads it only for --item-label, which it then needs, with --for
  --item-id COL         the id column of --items (default: the --item name)
  --item-label COL      a column of --items naming each item (a title): --for adds "label" to each
                        recommendation (null for an item not in --items or with an empty cell), prints it
                        after the id, and reasons name the items they cite by it ("similar to Heat (1995)";
                        by id where the item has no label). Never a content attribute
  --item-text COL       (content) a text column of --items, weighted by TF-IDF instead of as a category
  --item-tags COL       (content) a column of --items holding tags separated by | (Action|Comedy), such as
                        the genres of MovieLens movies.csv
  --items-format F      csv, tsv or pipe (fields separated by |) (default csv)
  --items-no-header     the first line of --items is data; its columns are named by position 1, 2, 3, ...
  --users FILE          (demographic) a CSV with a header row, one row per user: the id column, then
                        attribute columns (categorical or numeric; empty cells are missing)
  --user-id COL         (demographic) the id column of --users (default: the --user name)
  --cv K                K-fold cross-validation, K >= 2 (default 5 when --test is not given)
  --test FILE           evaluate on this file instead (same format and columns); fit on <file>
  --k N                 list length for the ranking metrics and --for (default 10)
  --seed S              seed of the folds and of randomised models (default 42)
  --for USER            print USER's recommendations (fit on the whole file) instead of evaluating
  --json                print JSON: { algorithm, rmse, mae, precisionAtK, recallAtK, ndcgAtK, coverage,
                        fitSeconds } (rmse/mae only for rating predictors; with --cv, means over folds),
                        or with --for { "recommendations": [ { item, score, reason } ] } (and "label"
                        in each with --item-label)
  -h, --help            show this help

Every held-out interaction counts as relevant for the ranking metrics; a user's training items are never
recommended back. --format and --no-header apply to the interactions only; the --users file is always
comma-separated with a header. Items missing from --items are never recommended by content, items of
--items missing from the interactions are fine, and a user missing from --users is grouped with the users
whose attributes are all missing. A column flag naming no column of its file fails (exit 1) with the
file's columns listed.

Examples:
  crm-mining recommend ratings.csv --user userId --item movieId --rating rating --cv 5 --json
  crm-mining recommend ratings.csv --user userId --item movieId --rating rating --for 42 \\
    --items movies.csv --item-label title
  crm-mining recommend ratings.csv --user userId --item movieId --rating rating --algorithm content \\
    --items movies.csv --item-tags genres --item-label title --for 42
  crm-mining recommend ratings.tsv --format tsv --no-header --user 1 --item 2 --rating 3 --for 42 \\
    --items items.txt --items-format pipe --items-no-header --item-id 1 --item-label 2
`;

const CHURN_HELP = `Usage: crm-mining churn <file.csv> --target COL [options]

Trains a neural churn model (a multilayer perceptron on TensorFlow.js) on a customer table: numeric
columns imputed (training median) and standardised, text columns one-hot encoded, class weights, early
stopping. With --cv, reports stratified k-fold ROC-AUC beside logistic regression and a decision tree;
without, scores every customer (probability, risk decile 1 = riskiest tenth) with the model trained on all
rows and lists the riskiest customers with their reasons. Either way it prints the gains/lift table and
the probability threshold above which a retention offer maximises profit.

Data:
  --target COL         the churn label column (required)
  --positive VALUE     the label value that means "left" (default: inferred from two values, e.g. Yes)
  --id COL             an id column, used in the output and never a feature (default: none)
  --drop A,B           columns to leave out (default: none)

Model:
  --cv K               stratified K-fold cross-validation instead of scoring (default: off)
  --epochs N           most training epochs (default 60; early stopping usually ends sooner)
  --seed S             seed of the weights, splits, shuffles and dropout (default 42)
  --backend B          auto | wasm | cpu | node (default auto: node if @tensorflow/tfjs-node is installed,
                       else wasm)
  --model-out DIR      save the model trained on all rows (model.json, weights.bin, churn.json)

Retention economics:
  --value V            value of keeping a customer who would have left, > 0 (default 1000)
  --offer-cost C       cost of one retention offer (default 50)
  --success-rate S     share of would-be churners an offer keeps, in (0, 1] (default 0.25)

Output:
  --top N              riskiest customers listed with reasons (text output; default 10)
  --json               print one JSON object instead of text
  -h, --help           show this help

JSON: { "backend": "wasm", "rows": N, "cv": { "folds": K, "auc": x, "aucPerFold": [..],
        "baselines": { "logistic": x, "tree": x } }, "threshold": x }   (with --cv)
      { "backend": "wasm", "rows": N, "threshold": x,
        "predictions": [ { "id": .., "probability": x, "decile": 1..10 } ] }   (without --cv)
      "threshold" is null when no offer pays.

Example:
  crm-mining churn telco-churn.csv --target Churn --id customerID --cv 5
`;

const MAIN_HELP = `crm-mining: analytical CRM from the command line (association rules for cross-selling, customer value,
segmentation, outliers, decision trees, churn prediction, recommenders).

Usage:
  crm-mining rules <file> --min-support S [options]      mine association rules
  crm-mining itemsets <file> --min-support S [options]   mine frequent itemsets
  crm-mining value <file> --customer C --date D --amount A [options]
                                                         RFM, ABC tiers (and BG/NBD with --clv) per customer
  crm-mining clv-fit <summary.csv> --frequency X --recency R --T T [--monetary M]
                                                         fit BG/NBD (and Gamma-Gamma) from a summary table
  crm-mining segments <file.csv> [--columns A,B] [--k N|auto]
                                                         customer segments by k-means
  crm-mining outliers <file.csv> --method M [--columns A,B]
                                                         score rows for anomalies (Isolation Forest, LOF, …)
  crm-mining tree <file> --target COL [options]          a decision tree and its IF-THEN rules
  crm-mining churn <file.csv> --target COL [options]     neural churn model: AUC, risk deciles, threshold
  crm-mining recommend <file> --user C --item I [--rating R] [--algorithm A] [--cv K | --test FILE | --for USER]
                                                         evaluate a recommender, or recommend for one user
  crm-mining report [--input FILE] [--out DIR]          run every analysis and write report/index.html
                                                         (what \`npm start\` runs; crm-mining analyze is
                                                         its older name)
  crm-mining help [command]                              show help (also: --help, -h)
  crm-mining --version                                   show the version

Run 'crm-mining help <command>' for a command's options.

Exit status: 0 success; 1 the command failed (bad data, a missing, empty or unreadable file, a column that
is not in the file, an option value out of range), with one line on stderr; 2 the command line was wrong
(unknown command or option, missing <file> or required option, an option without a value or given twice,
a value that is not a number), with that line and a hint. A command given --json prints nothing on stdout
when it fails.
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
    case 'segments':
      return SEGMENTS_HELP;
    case 'outliers':
      return OUTLIERS_HELP;
    case 'tree':
      return TREE_HELP;
    case 'churn':
      return CHURN_HELP;
    case 'recommend':
      return RECOMMEND_HELP;
    case 'report':
      return REPORT_HELP;
    case 'analyze':
      return ANALYZE_HELP;
    default:
      return MAIN_HELP;
  }
}
