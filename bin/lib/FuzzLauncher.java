import java.io.PrintWriter;
import java.lang.reflect.Method;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one Jazzer {@code @FuzzTest} (argument: {@code package.Class#method}) in this JVM through
 * the JUnit Platform, without Maven: bin/fuzz starts one JVM per target, as Jazzer fuzzes one test
 * per process. Exits 0 when the test passed, 1 when it failed (a finding) or did not run.
 */
public final class FuzzLauncher {
  public static void main(String[] args) throws ClassNotFoundException {
    String[] target = args[0].split("#", 2);
    Class<?> test = Class.forName(target[0]);
    Method method = null;
    for (Method m : test.getDeclaredMethods()) {
      if (m.getName().equals(target[1])) {
        method = m;
      }
    }
    if (method == null) {
      System.err.println("no method " + args[0]);
      System.exit(2);
    }
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectMethod(test, method))
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.printFailuresTo(new PrintWriter(System.err, true), 40);
    boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
    System.exit(passed ? 0 : 1);
  }
}
