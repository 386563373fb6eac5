import Interpreter
import XCTest

final class ResolverTests: XCTestCase {
  func testTableIsSound() {
    XCTAssertEqual(VerbTable.standard.problems, [])
    XCTAssertEqual(
      VerbTable.standard.verbNames,
      [
        "load", "datasets", "set", "teacher", "distill", "baseline", "repeat", "folds",
        "evaluate", "compare", "save", "open", "show", "history", "time", "draw", "plot",
        "report", "help", "quit",
      ])
  }

  func testDefaultsFilledAndExplicitKeysKnown() throws {
    let command = try resolve("teacher gin lr=0.005 nhid=128")
    XCTAssertEqual(command.verb, "teacher")
    XCTAssertEqual(command.string("backbone"), "gin")
    XCTAssertEqual(command.int("nhid"), 128)
    XCTAssertEqual(command.double("lr"), 0.005)
    XCTAssertEqual(command.int("nlayers"), 2)
    XCTAssertEqual(command.int("epochs"), 300)
    XCTAssertEqual(command.int("patience"), 50)
    XCTAssertEqual(command.double("tau"), 0.1)
    XCTAssertEqual(command.double("dropout"), 0.5)
    XCTAssertEqual(command.int("batch"), 32)
    XCTAssertEqual(command.double("wd"), 5e-5)
    XCTAssertEqual(command.explicitKeys, ["backbone", "lr", "nhid"])
    XCTAssertTrue(command.isExplicit("lr"))
    XCTAssertFalse(command.isExplicit("epochs"))
  }

  func testVariantKeys() throws {
    XCTAssertEqual(try resolve("teacher gcn").string("variant"), "paper")
    XCTAssertEqual(try resolve("teacher gcn variant=reference").string("variant"), "reference")
    // distill inherits its teacher's variant, and picks its head by it
    let distill = try resolve("distill")
    XCTAssertNil(distill.value("variant"))
    XCTAssertNil(distill.value("head"))
    XCTAssertEqual(try resolve("distill variant=paper head=own").string("head"), "own")
    XCTAssertThrowsError(try resolve("teacher gcn variant=released"))
  }

  func testDistillDefaultsAndAbsentBackbone() throws {
    let command = try resolve("distill lambda=10")
    XCTAssertEqual(command.double("lr"), 0.001)
    XCTAssertEqual(command.double("lambda"), 10)
    XCTAssertNil(command.value("backbone"))
    XCTAssertEqual(try resolve("distill backbone=SAGE").string("backbone"), "sage")
  }

  func testLocationsOfKeysAndValues() throws {
    let command = try resolve("teacher gcn   lr=0.1")
    XCTAssertEqual(command.verbLocation.column, 1)
    XCTAssertEqual(command.location(ofKey: "lr").column, 15)
    XCTAssertEqual(command.location(ofValue: "lr").column, 18)
    XCTAssertEqual(command.location(ofValue: "backbone").column, 9)
    // a defaulted key points at the verb
    XCTAssertEqual(command.location(ofKey: "epochs"), command.verbLocation)
  }

  func testVariablesAreSubstitutedAndTyped() throws {
    let variables: [String: Value] = ["w": .int(96), "net": .string("gat"), "seed": .int(4)]
    let command = try resolve("teacher $net nhid=$w lr=$w", variables: variables)
    XCTAssertEqual(command.string("backbone"), "gat")
    XCTAssertEqual(command.int("nhid"), 96)
    XCTAssertEqual(command.double("lr"), 96)
    XCTAssertEqual(command.seed, 4)
    XCTAssertEqual(command.setting("w"), .int(96))
  }

  func testUnknownVerbSuggestsTheClosest() {
    XCTAssertEqual(resolveMessage("techer gcn"), "unknown verb 'techer'. Did you mean 'teacher'?")
    XCTAssertEqual(resolveMessage("frobnicate"), "unknown verb 'frobnicate'")
  }

  func testUnknownKeySuggestsTheClosest() {
    XCTAssertEqual(
      resolveMessage("teacher gcn nhdi=32"),
      "unknown key 'nhdi' for 'teacher'. Did you mean 'nhid'?")
    XCTAssertEqual(resolveMessage("evaluate color=red"), "unknown key 'color' for 'evaluate'")
  }

  func testBadValues() {
    XCTAssertEqual(resolveMessage("teacher gcn lr=abc"), "'abc' is not a number for 'lr'")
    XCTAssertEqual(
      resolveMessage("teacher gcn nhid=6.5"), "'6.5' is not a whole number for 'nhid'")
    XCTAssertEqual(resolveMessage("set quiet=maybe"), "'maybe' is not true or false for 'quiet'")
    XCTAssertEqual(
      resolveMessage("teacher gcn dropout=1"),
      "'1' is out of range for 'dropout': it must be at least 0 and below 1")
    XCTAssertEqual(
      resolveMessage("teacher gcn nhid=0"),
      "'0' is out of range for 'nhid': it must be from 1 to 4096")
    XCTAssertEqual(resolveMessage("teacher gcn lr=1 lr=2"), "'lr' is given twice")
  }

  func testBadChoiceListsTheChoicesAndSuggests() throws {
    let error = languageError { _ = try resolve("teacher gnc") }
    XCTAssertEqual(error?.message, "unknown backbone 'gnc'. Did you mean 'gcn'?")
    XCTAssertEqual(
      error?.hint, "choose one of gcn, gat, sage, gin, pna, dgcnn, sagpool, mewispool")
    XCTAssertEqual(error?.location.column, 9)
    XCTAssertEqual(error?.category, .usage)
  }

  func testSettingsAreRangeCheckedAgainstEveryVerbWithTheKey() {
    // the same error as on the command, at the value of the setting
    XCTAssertEqual(
      resolveMessage("teacher gcn batch=0"),
      "'0' is out of range for 'batch': it must be greater than 0")
    let error = languageError { _ = try resolve("set   batch=0") }
    XCTAssertEqual(error?.message, "'0' is out of range for 'batch': it must be greater than 0")
    XCTAssertEqual(error?.location.column, 13)
    for (text, requirement) in [
      ("nlayers=0", "must be from 1 to 64"), ("nhid=-3", "must be from 1 to 4096"),
      ("nhid=0", "must be from 1 to 4096"), ("epochs=-5", "must be greater than 0"),
      ("epochs=0", "must be greater than 0"), ("lambda=-1", "must be 0 or more"),
      ("lr=-1", "must be greater than 0"), ("dropout=1", "must be at least 0 and below 1"),
      ("tau=0", "must be greater than 0"), ("wd=-1", "must be 0 or more"),
      ("patience=0", "must be greater than 0"), ("top=0", "must be greater than 0"),
    ] {
      let parts = text.split(separator: "=")
      XCTAssertEqual(
        resolveMessage("set \(text)"),
        "'\(parts[1])' is out of range for '\(parts[0])': it \(requirement)", text)
    }
    // types too, and choices: the key of distill (a backbone) and of draw and plot
    XCTAssertEqual(resolveMessage("set epochs=5.5"), "'5.5' is not a whole number for 'epochs'")
    XCTAssertEqual(
      resolveMessage("set backbone=gni"), "unknown backbone 'gni'. Did you mean 'gin'?")
    XCTAssertEqual(
      resolveMessage("set model=studnet"),
      "'studnet' is not a choice for 'model'. Did you mean 'student'?")
    // through a variable as well
    XCTAssertEqual(
      resolveMessage("set batch=$b", variables: ["b": .int(-2)]),
      "'-2' is out of range for 'batch': it must be greater than 0")
    // values in range, and variables no verb reads, are kept as before
    XCTAssertNoThrow(try resolve("set batch=16 lr=1 nhid=4096 nlayers=64 width=0 rate=-1"))
  }

  func testSizeLimitsAreKeyConstraints() {
    XCTAssertEqual(
      resolveMessage("teacher gcn nhid=100000"),
      "'100000' is out of range for 'nhid': it must be from 1 to 4096")
    XCTAssertEqual(
      resolveMessage("baseline gin nlayers=65"),
      "'65' is out of range for 'nlayers': it must be from 1 to 64")
    XCTAssertEqual(
      resolveMessage("set nhid=5000"),
      "'5000' is out of range for 'nhid': it must be from 1 to 4096")
  }

  func testUnknownBackbonesEverywhere() {
    XCTAssertEqual(resolveMessage("baseline gni"), "unknown backbone 'gni'. Did you mean 'gin'?")
    XCTAssertEqual(
      resolveMessage("distill backbone=sagee"), "unknown backbone 'sagee'. Did you mean 'sage'?")
    let error = languageError { _ = try resolve("compare backbones=gcn,gni") }
    XCTAssertEqual(error?.message, "unknown backbone 'gni'. Did you mean 'gin'?")
    XCTAssertEqual(error?.location.column, 23)
  }

  func testRepeatedSeedsAreRejected() {
    let error = languageError { _ = try resolve("repeat seeds=1,1,1 { teacher gcn }") }
    XCTAssertEqual(
      error?.message, "the seed 1 is given twice in 'seeds'; its runs would replace each other")
    XCTAssertEqual(error?.hint, "give each seed once, e.g. 1,2,3 or 1..3")
    XCTAssertEqual(error?.location.column, 14)
    XCTAssertNotNil(resolveMessage("compare seeds=2,3,2"))
    XCTAssertNoThrow(try resolve("repeat seeds=3,1,2 { teacher gcn }"))
  }

  func testPositionalsMissingAndExtra() {
    XCTAssertEqual(resolveMessage("teacher nhid=3"), "'teacher' needs a BACKBONE")
    XCTAssertEqual(resolveMessage("load MUTAG extra"), "unexpected argument 'extra' for 'load'")
    XCTAssertEqual(resolveMessage("help nosuch"), "unknown verb 'nosuch'")
  }

  func testPositionalMayBeGivenByName() throws {
    XCTAssertEqual(try resolve("teacher backbone=gin").string("backbone"), "gin")
  }

  func testUnknownVariable() {
    XCTAssertEqual(
      resolveMessage("teacher gcn nhid=$widht", variables: ["width": .int(3)]),
      "unknown variable '$widht'. Did you mean '$width'?")
  }

  func testBlocksOnlyWhereTheVerbTakesOne() {
    XCTAssertEqual(resolveMessage("teacher gcn { evaluate }"), "'teacher' does not take a block")
  }

  func testSetAcceptsNewVariablesWithInferredTypes() throws {
    let command = try resolve("set seed=7 width=128 rate=0.5 name=\"a b\" nets=gcn,gin s=1..3")
    XCTAssertEqual(command.int("seed"), 7)
    XCTAssertEqual(command.value("width"), .int(128))
    XCTAssertEqual(command.value("rate"), .float(0.5))
    XCTAssertEqual(command.value("name"), .string("a b"))
    XCTAssertEqual(command.value("nets"), .list([.string("gcn"), .string("gin")]))
    XCTAssertEqual(command.value("s"), .seeds([1, 2, 3]))
    XCTAssertEqual(try resolve("set s=5,1,2").value("s")?.description, "5,1,2")
    XCTAssertEqual(try resolve("set s=4..6").value("s")?.description, "4..6")
    // absurd ranges stay text instead of filling memory
    let huge = "-9223372036854775808..9223372036854775807"
    XCTAssertEqual(try resolve("set s=\(huge)").value("s"), .string(huge))
    XCTAssertEqual(resolveMessage("set my-var=3"), "'my-var' is not a valid variable name")
  }
}
