import CharterValues
import Contracts

/// Framework content as the contracts present it.
extension FrameworkVersion {
  var message: SelfReview.Framework {
    var f = SelfReview.Framework()
    f.frameworkId = id
    f.title = title
    f.status = status.message
    f.scale = scale.message
    f.defaultThreshold = Int32(defaultThreshold)
    f.thresholdSource = thresholdSource.message
    if let rule = level2Rule {
      f.level2Rule = SelfReview.Level2Rule(
        requiredElementId: rule.requiredElementId, additionalElementsMin: Int32(rule.additionalElementsMin))
    }
    f.validFrom = validFrom.message
    f.validTo = validTo?.message
    f.publishTime = publishTime.map { Protobuf.Timestamp(seconds: $0.secondsSince1970, nanos: 0) }
    f.elements = elements.map { element in
      SelfReview.Element(
        elementId: element.id, title: element.title, partner: element.partner ?? "",
        strands: element.strands.map { strand in
          SelfReview.Strand(
            strandId: strand.id, title: strand.title, source: strand.source.message,
            aspects: strand.aspects.map { aspect in
              SelfReview.Aspect(
                aspectId: aspect.id, title: aspect.title, thresholdLevel: Int32(aspect.thresholdLevel),
                descriptors: aspect.descriptors.map {
                  SelfReview.LevelDescriptor(level: Int32($0.level), description: $0.text)
                },
                source: aspect.source.message)
            })
        })
    }
    return f
  }

  var summary: SelfReview.FrameworkSummary {
    SelfReview.FrameworkSummary(
      frameworkId: id, title: title, status: status.message, scale: scale.message,
      elementCount: Int32(elements.count), aspectCount: Int32(aspectCount))
  }
}

extension LevelScale {
  var message: SelfReview.LevelScale {
    SelfReview.LevelScale(
      count: Int32(count), best: Int32(best),
      genericDescriptors: genericDescriptors.map {
        SelfReview.LevelDescriptor(level: Int32($0.level), description: $0.text)
      })
  }
}

extension FrameworkStatus {
  var message: SelfReview.FrameworkStatus {
    switch self {
    case .draft: .draft
    case .published: .published
    case .retired: .retired
    }
  }
}

extension ContentSource {
  var message: SelfReview.ContentSource {
    switch self {
    case .verified: .verified
    case .inferred: .inferred
    case .synthesised: .synthesised
    case .proposed: .proposed
    }
  }
}

extension CalendarDate {
  var message: Common.Date { Common.Date(year: Int32(year), month: Int32(month), day: Int32(day)) }
}

extension FrameworkMapping {
  var message: SelfReview.FrameworkMapping {
    SelfReview.FrameworkMapping(
      fromFrameworkId: fromFrameworkId, toFrameworkId: toFrameworkId,
      aspectMappings: aspectMappings.map {
        SelfReview.AspectMapping(fromAspectId: $0.fromAspectId, toAspectIds: $0.toAspectIds)
      },
      levelConversions: levelConversions.map {
        SelfReview.LevelConversion(fromLevel: Int32($0.fromLevel), toLevel: Int32($0.toLevel))
      })
  }
}

extension ReviewStanding {
  func message(school: String) -> SelfReview.ReviewStatus {
    var status = SelfReview.ReviewStatus()
    status.schoolUrn = school
    status.frameworkId = frameworkId
    status.aspects = aspects.map { a in
      SelfReview.AspectStatus(
        aspectId: a.aspectId, rated: a.isRated, level: Int32(a.level ?? 0), thresholdLevel: Int32(a.thresholdLevel),
        meetsThreshold: a.meetsThreshold, hasCommentary: a.hasCommentary)
    }
    status.elements = elements.map { e in
      SelfReview.ElementStatus(
        elementId: e.elementId, atNationalStandard: e.atNationalStandard, aspectsMet: Int32(e.aspectsMet),
        aspectsTotal: Int32(e.aspectsTotal), aspectsRated: Int32(e.aspectsRated))
    }
    status.frameworkAtNationalStandard = atNationalStandard
    status.progress = progress
    status.commentaryComplete = commentaryComplete
    status.level2RuleHolds = level2RuleHolds
    return status
  }
}
