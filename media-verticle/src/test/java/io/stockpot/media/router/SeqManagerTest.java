package io.stockpot.media.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Dropped inputs leave no gap in the output numbering (mediasoup's SeqManager behaviour). */
class SeqManagerTest {
  @Test
  void droppedInputsAreSkipped() {
    SeqManager m = new SeqManager(16);
    m.sync(100, 999); // input 100 → output 1000
    assertEquals(1000, m.input(100));
    assertEquals(1001, m.input(101));
    m.drop(102);
    m.drop(103);
    assertEquals(1002, m.input(104));
    m.drop(105);
    assertEquals(1003, m.input(106));
    assertEquals(1004, m.input(107));
    // NACKs map back to the inputs that became those outputs.
    assertEquals(101, m.inputOf(1001));
    assertEquals(104, m.inputOf(1002));
    assertEquals(106, m.inputOf(1003));
    assertEquals(107, m.inputOf(1004));
  }

  @Test
  void outOfOrderAroundDropsKeepTheirPlace() {
    SeqManager m = new SeqManager(16);
    m.sync(10, 49); // 10 → 50
    assertEquals(50, m.input(10));
    assertEquals(52, m.input(12)); // 11 is late: its number 51 is reserved
    m.drop(13);
    assertEquals(53, m.input(14));
    assertEquals(51, m.input(11), "a late packet gets the number of its place");
    assertEquals(53, m.input(14), "asking again answers the same");
    m.drop(11); // already numbered around: its number stays a gap, later ones do not move
    assertEquals(54, m.input(15));
    assertEquals(11, m.inputOf(51));
    assertEquals(12, m.inputOf(52));
    assertEquals(14, m.inputOf(53));
  }

  @Test
  void wrapsAround() {
    SeqManager m = new SeqManager(16);
    m.sync(65534, 65533); // 65534 → 65534
    assertEquals(65534, m.input(65534));
    m.drop(65535);
    assertEquals(65535, m.input(0));
    m.drop(1);
    assertEquals(0, m.input(2));
    assertEquals(1, m.input(3));
    assertEquals(3, m.inputOf(1));
    assertEquals(2, m.inputOf(0));
    assertEquals(0, m.inputOf(65535));
    int out = 1;
    for (int in = 4; in < 70_000; in++) { // far past the drops: the history is forgotten
      if (in % 3 == 0) {
        m.drop(in & 0xFFFF);
      } else {
        assertEquals(++out & 0xFFFF, m.input(in & 0xFFFF), "input " + in);
      }
    }
  }

  @Test
  void fifteenBitPictureIds() {
    SeqManager m = new SeqManager(15);
    m.sync(0x7FFE, 10);
    assertEquals(11, m.input(0x7FFE));
    m.drop(0x7FFF);
    assertEquals(12, m.input(0));
    assertEquals(13, m.input(1));
  }

  @Test
  void resyncForgetsDrops() {
    SeqManager m = new SeqManager(16);
    m.sync(500, 0);
    assertEquals(1, m.input(500));
    m.drop(501);
    assertEquals(2, m.input(502));
    m.sync(9000, 2); // another stream
    assertEquals(3, m.input(9000));
    assertEquals(9000, m.inputOf(3));
  }
}
