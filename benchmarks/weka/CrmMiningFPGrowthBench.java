// Benchmark driver for crm-mining's harness (benchmarks/association.mjs); not part of Weka.
//
// It runs the itemset-mining steps of weka.associations.FPGrowth exactly as FPGrowth.buildAssociations
// does them (count the singletons, build the FP-tree, mine it) and stops there: no association rules
// are generated, so the time is comparable with libraries that only mine frequent itemsets. It lives
// in Weka's package because the mining steps are protected members of FPGrowth.
//
// Usage: java -cp weka.jar:<dir> weka.associations.CrmMiningFPGrowthBench <file.arff> <minSupport|idle>
// Prints one line of JSON: {"loadMs":..,"ms":..,"count":..,"minCount":..,"transactions":..}.
// "ms" is the mining alone (wall time inside the JVM); JVM start-up and ARFF parsing are in "loadMs" or
// before it. minSupport is a fraction (Weka turns it into ceil(minSupport * N) transactions).
package weka.associations;

import java.io.BufferedReader;
import java.io.FileReader;
import java.util.ArrayList;

import weka.core.Instances;

public class CrmMiningFPGrowthBench extends FPGrowth {
  private static final long serialVersionUID = 1L;

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      System.out.println("{\"error\":\"" + String.valueOf(e).replace("\\", "/").replace("\"", "'") + "\"}");
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Instances data;
    try (BufferedReader reader = new BufferedReader(new FileReader(args[0]))) {
      data = new Instances(reader);
    }
    long t1 = System.nanoTime();
    double loadMs = (t1 - t0) / 1e6;
    int n = data.numInstances();
    if (args[1].equals("idle")) {
      System.out.println("{\"loadMs\":" + loadMs + ",\"transactions\":" + n + "}");
      return;
    }
    double support = Double.parseDouble(args[1]);
    int minCount = support > 1 ? (int) support : (int) Math.ceil(support * n);
    System.gc();

    CrmMiningFPGrowthBench miner = new CrmMiningFPGrowthBench();
    long t2 = System.nanoTime();
    ArrayList<BinaryItem> singletons = miner.getSingletons(data);
    FrequentItemSets itemsets = new FrequentItemSets(n);
    // The tree's type is private to FPGrowth, so it is passed on without being named.
    miner.mineTree(miner.buildFPTree(singletons, data, minCount), itemsets, 0,
        new FrequentBinaryItemSet(new ArrayList<BinaryItem>(), 0), minCount);
    long t3 = System.nanoTime();

    System.out.println("{\"loadMs\":" + loadMs + ",\"ms\":" + ((t3 - t2) / 1e6) + ",\"count\":" + itemsets.size()
        + ",\"minCount\":" + minCount + ",\"transactions\":" + n + "}");
  }
}
